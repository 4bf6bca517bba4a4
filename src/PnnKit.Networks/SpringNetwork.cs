namespace PnnKit.Networks;

/// <summary>
/// Bond material and geometry: a bar of Young's modulus Y, out-of-plane thickness t and length a has
/// axial stiffness k = Y·w·t/a for in-plane width w; the width is bounded in [w_min, w_max], so the
/// stiffness is bounded in [k_min, k_max].
/// </summary>
public sealed record BondMaterial
{
    /// <summary>Young's modulus Y in Pa. Default 3.5 GPa: PLA, the usual 3D-printing polymer (NatureWorks Ingeo 4043D datasheet, tensile modulus 3.6 GPa).</summary>
    public double YoungModulus { get; init; } = 3.5e9;

    /// <summary>Out-of-plane thickness t in m. Default 3 mm: a typical laser-cut/3D-printed sheet (our choice; state yours).</summary>
    public double Thickness { get; init; } = 3e-3;

    /// <summary>Bond length a in m. Default 20 mm lattice spacing (our choice; tabletop lattices of Li &amp; Mao 2024 are centimetre-scale).</summary>
    public double Length { get; init; } = 20e-3;

    /// <summary>Narrowest printable width w_min in m. Default 0.4 mm: one FDM nozzle width (common 0.4 mm nozzle).</summary>
    public double MinWidth { get; init; } = 0.4e-3;

    /// <summary>Widest width w_max in m. Default 4 mm (our choice: a fifth of the 20 mm spacing, so bonds stay slender).</summary>
    public double MaxWidth { get; init; } = 4e-3;

    /// <summary>k = Y·w·t/a in N/m.</summary>
    public double Stiffness(double width) => YoungModulus * width * Thickness / Length;

    /// <summary>k_min in N/m.</summary>
    public double MinStiffness => Stiffness(MinWidth);

    /// <summary>k_max in N/m.</summary>
    public double MaxStiffness => Stiffness(MaxWidth);
}

/// <summary>
/// Smooth bounded reparametrization k = k_min + (k_max − k_min)·σ(θ): every real θ gives a buildable
/// stiffness (or conductance), and gradient steps on θ never leave [k_min, k_max].
/// </summary>
public readonly record struct BoundedWeight(double Min, double Max)
{
    /// <summary>k(θ).</summary>
    public double Value(double theta) => Min + ((Max - Min) * Sigmoid(theta));

    /// <summary>dk/dθ.</summary>
    public double Derivative(double theta)
    {
        double s = Sigmoid(theta);
        return (Max - Min) * s * (1 - s);
    }

    /// <summary>θ(k) for Min &lt; k &lt; Max.</summary>
    public double Inverse(double k)
    {
        double s = (k - Min) / (Max - Min);
        if (!(s > 0 && s < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"Weight {k:G4} lies outside the open interval ({Min:G4}, {Max:G4}).");
        }
        return Math.Log(s / (1 - s));
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}

/// <summary>
/// A linear elastic central-force bar (spring) network in 2D or 3D: stiffness D = Cᵀ diag(k) C from the
/// compatibility matrix, equilibrium D u = F with fixed nodes pinned. Inputs are forces applied at
/// nodes along given directions; outputs are displacement components at nodes.
/// </summary>
public sealed class SpringNetwork
{
    /// <summary>A spring network on <paramref name="graph"/> (needs 2D or 3D positions).</summary>
    public SpringNetwork(NetworkGraph graph, BondMaterial? material = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (graph.Dimension < 2)
        {
            throw new NetworkException($"A spring network needs 2D or 3D node positions, got dimension {graph.Dimension}.");
        }
        Engine = new EquilibriumNetwork(graph, vector: true);
        Material = material ?? NetworkPresets.SpringPlaFdm.Model; // the default bond is the preset
        Bounds = new BoundedWeight(Material.MinStiffness, Material.MaxStiffness);
    }

    /// <summary>The equilibrium engine.</summary>
    public EquilibriumNetwork Engine { get; }

    /// <summary>The graph.</summary>
    public NetworkGraph Graph => Engine.Graph;

    /// <summary>Bond material and geometry.</summary>
    public BondMaterial Material { get; }

    /// <summary>Stiffness bounds [k_min, k_max] from the material.</summary>
    public BoundedWeight Bounds { get; }

    /// <summary>Equilibrium displacements for forces <paramref name="forces"/> (one per unknown).</summary>
    public double[] Displacements(ReadOnlySpan<double> stiffness, ReadOnlySpan<double> forces) => Engine.Factor(stiffness).Solve(forces);

    /// <summary>Bond tensions tⱼ = kⱼ eⱼ.</summary>
    public double[] Tensions(ReadOnlySpan<double> stiffness, ReadOnlySpan<double> u)
    {
        var e = Engine.Elongations(u);
        for (int j = 0; j < e.Length; j++)
        {
            e[j] *= stiffness[j];
        }
        return e;
    }

    /// <summary>True when the network with <paramref name="stiffness"/> has no zero mode (no floppy mechanism).</summary>
    public bool IsRigid(ReadOnlySpan<double> stiffness)
    {
        try
        {
            Engine.Factor(stiffness, kind: SolverKind.Cholesky);
            return true;
        }
        catch (Solvers.ZeroModeException)
        {
            return false;
        }
    }
}
