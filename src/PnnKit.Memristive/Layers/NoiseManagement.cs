namespace PnnKit.Memristive.Layers;

/// <summary>How inputs are scaled into the DAC range before a crossbar read (aihwkit's NoiseManagementType).</summary>
public enum NoiseManagement
{
    /// <summary>No scaling: inputs are clipped to ±InputBound.</summary>
    None,

    /// <summary>Each sample is divided by its largest |x| so the DAC's full range is used; outputs are multiplied back digitally (aihwkit default ABS_MAX).</summary>
    AbsMax,

    /// <summary>
    /// As <see cref="AbsMax"/>, but per tile: each row block of a sample (the inputs of one tile's DACs) is divided
    /// by its own largest |x|, so a tile whose inputs are all small still uses its DAC's full range.
    /// </summary>
    AbsMaxPerTile,
}

/// <summary>What to do when an ADC saturates (aihwkit's BoundManagementType).</summary>
public enum BoundManagement
{
    /// <summary>Saturated outputs stay clipped.</summary>
    None,

    /// <summary>Re-read the sample with its input halved until no output saturates (or the round limit); outputs are multiplied back digitally (aihwkit default ITERATIVE).</summary>
    Iterative,
}
