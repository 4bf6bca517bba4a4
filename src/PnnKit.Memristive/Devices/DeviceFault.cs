namespace PnnKit.Memristive.Devices;

/// <summary>The static state of one device after fabrication.</summary>
public enum DeviceFault : byte
{
    /// <summary>Programmable.</summary>
    None,

    /// <summary>Stuck at GMax.</summary>
    StuckOn,

    /// <summary>Stuck at 0 S.</summary>
    StuckOff,
}
