namespace PnnKit.Core.Costs;

/// <summary>
/// A system figure was asked for while a term is known to be missing (a converter that charged
/// nothing, a cost model with a parameter left unset): the figure is refused rather than printed
/// without the term. The message names the term and how to fix it.
/// </summary>
public sealed class MissingCostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MissingCostException() { }

    /// <summary>Creates the exception with a message naming the missing term.</summary>
    public MissingCostException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    public MissingCostException(string message, Exception inner) : base(message, inner) { }
}
