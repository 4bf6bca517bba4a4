namespace PnnKit.Networks.Solvers;

/// <summary>The fill-reducing ordering a <see cref="SymbolicCholesky"/> uses.</summary>
public enum CholeskyOrdering
{
    /// <summary>Nested dissection (<see cref="NestedDissection"/>): the default, O(n^1.5) work on 2D lattices.</summary>
    NestedDissection,

    /// <summary>Reverse Cuthill–McKee (<see cref="Solvers.ReverseCuthillMcKee"/>): a banded factor, O(n²) work on 2D lattices.</summary>
    ReverseCuthillMcKee,

    /// <summary>The matrix's own order, no permutation (for tests).</summary>
    Natural,
}
