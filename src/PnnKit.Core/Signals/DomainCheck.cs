namespace PnnKit.Core.Signals;

/// <summary>Validates that each layer's input domain matches its predecessor's output domain.</summary>
public static class DomainCheck
{
    /// <summary>
    /// Throws <see cref="DomainMismatchException"/> naming both layers at the first boundary where
    /// the producer's output domain differs from the consumer's input domain.
    /// </summary>
    public static void Validate(IReadOnlyList<(string Name, Domain Input, Domain Output)> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        for (int i = 1; i < layers.Count; i++)
        {
            var (prev, _, prevOut) = layers[i - 1];
            var (next, nextIn, _) = layers[i];
            if (prevOut != nextIn)
            {
                throw new DomainMismatchException(
                    $"Layer {i - 1} '{prev}' outputs {prevOut} signals but layer {i} '{next}' expects {nextIn}; " +
                    $"insert a converter from {prevOut} to {nextIn} between them.");
            }
        }
    }
}

/// <summary>Raised when a model connects layers of different signal domains without a converter.</summary>
public sealed class DomainMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DomainMismatchException() { }

    /// <summary>Creates the exception with a message naming both layers.</summary>
    public DomainMismatchException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    public DomainMismatchException(string message, Exception inner) : base(message, inner) { }
}
