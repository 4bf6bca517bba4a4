namespace PnnKit.Core.Costs;

/// <summary>What part of a system a cost belongs to; "core" is what papers usually quote.</summary>
public enum CostCategory
{
    /// <summary>The computing core: MACs, array reads, mesh propagation.</summary>
    Core,

    /// <summary>Domain converters: DAC, ADC, modulators, detectors, TIAs, actuators, sensors.</summary>
    Converter,

    /// <summary>Light sources and their wall-plug losses.</summary>
    LightSource,

    /// <summary>Memory traffic: weight and activation reads/writes.</summary>
    Memory,

    /// <summary>Digital control and glue logic outside the core.</summary>
    Control,

    /// <summary>Off-chip and host I/O.</summary>
    IO,

    /// <summary>Calibration and re-programming, amortised.</summary>
    Calibration,
}
