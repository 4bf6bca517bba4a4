namespace PnnKit.Core.Physical;

/// <summary>
/// A device design: what we choose and train (phases, target conductances, stiffnesses). Fabrication
/// samples the static errors of one copy once and returns a separate instance; the design itself is
/// never mutated to simulate an error (DESIGN.md §4).
/// </summary>
/// <typeparam name="TVariation">The substrate's record of fabrication-error magnitudes.</typeparam>
/// <typeparam name="TInstance">The fabricated copy.</typeparam>
public interface IDesign<in TVariation, out TInstance>
{
    /// <summary>One fabricated copy with errors drawn from <paramref name="variation"/> using <paramref name="seed"/>.</summary>
    TInstance Fabricate(TVariation variation, ulong seed);
}

/// <summary>A fabricated copy whose state evolves with time and temperature (drift, relaxation, wear).</summary>
/// <typeparam name="TState">The copy's state at one moment.</typeparam>
public interface IInstance<out TState>
{
    /// <summary>The state <paramref name="ageSeconds"/> after programming, at <paramref name="temperatureKelvin"/>.</summary>
    TState At(double ageSeconds, double temperatureKelvin = Layers.ForwardContext.RoomTemperatureKelvin);
}
