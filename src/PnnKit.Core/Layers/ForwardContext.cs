using PnnKit.Core.Costs;
using PnnKit.Core.Random;

namespace PnnKit.Core.Layers;

/// <summary>Whether a forward pass is for training (noise sampled, state kept) or evaluation.</summary>
public enum Mode
{
    /// <summary>Training: keep what Backward needs, sample training-time noise.</summary>
    Train,

    /// <summary>Evaluation.</summary>
    Eval,
}

/// <summary>
/// What the physics needs beyond the input (DESIGN.md §2): mode, the random stream, the device's
/// age and temperature, and the ledger that components charge.
/// </summary>
public sealed class ForwardContext
{
    /// <summary>Room temperature, K (the reference temperature of most device models).</summary>
    public const double RoomTemperatureKelvin = 300.0;

    /// <summary>A context with the given mode and random stream.</summary>
    public ForwardContext(Mode mode, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Mode = mode;
        Rng = rng;
    }

    /// <summary>Training or evaluation.</summary>
    public Mode Mode { get; }

    /// <summary>Random stream for noise; split it per layer for reproducibility.</summary>
    public Rng Rng { get; }

    /// <summary>Seconds since the device was programmed (drift models read this).</summary>
    public double AgeSeconds { get; init; }

    /// <summary>Device temperature, K.</summary>
    public double TemperatureKelvin { get; init; } = RoomTemperatureKelvin;

    /// <summary>Ledger to charge energy and latency to, or null not to cost this pass.</summary>
    public CostLedger? Ledger { get; init; }

    /// <summary>True in training mode.</summary>
    public bool IsTraining => Mode == Mode.Train;

    /// <summary>An evaluation context with a fixed seed.</summary>
    public static ForwardContext Eval(ulong seed = 0) => new(Mode.Eval, new Rng(seed));

    /// <summary>A training context with a fixed seed.</summary>
    public static ForwardContext Train(ulong seed = 0) => new(Mode.Train, new Rng(seed));
}
