namespace PnnKit.Memristive.Periphery;

/// <summary>How a DAC code drives a crossbar row during a read window of length t.</summary>
public enum InputEncoding
{
    /// <summary>Voltage proportional to the code for the whole window: array energy V_fs² x̂² G t.</summary>
    Amplitude,

    /// <summary>Full-scale voltage for a fraction |x̂| of the window (pulse-width modulation, as in IBM's PCM chips): array energy V_fs² |x̂| G t; the integrated charge is the same.</summary>
    PulseWidth,
}
