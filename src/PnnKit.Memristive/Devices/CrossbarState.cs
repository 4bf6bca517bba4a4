using PnnKit.Memristive.Crossbar;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// A fabricated crossbar at one moment: its conductances [outputs, inputs] in siemens after drift and
/// accumulated read noise, and the output scale factors of the chosen drift compensation.
/// </summary>
public sealed class CrossbarState
{
    internal CrossbarState(int inputs, int outputs, WeightMapping mapping, double ageSeconds, double[] gPlus, double[] gMinus)
    {
        Inputs = inputs;
        Outputs = outputs;
        Mapping = mapping;
        AgeSeconds = ageSeconds;
        GPlus = gPlus;
        GMinus = gMinus;
        CompensationFactors = [.. Enumerable.Repeat(1.0, outputs)];
    }

    /// <summary>Inputs.</summary>
    public int Inputs { get; }

    /// <summary>Outputs.</summary>
    public int Outputs { get; }

    /// <summary>The mapping the conductances were programmed with.</summary>
    public WeightMapping Mapping { get; }

    /// <summary>Seconds since programming.</summary>
    public double AgeSeconds { get; }

    /// <summary>Temperature the array was held and read at, K.</summary>
    public double TemperatureKelvin { get; init; } = Core.Layers.ForwardContext.RoomTemperatureKelvin;

    /// <summary>G⁺ [outputs, inputs], S.</summary>
    public double[] GPlus { get; }

    /// <summary>G⁻ [outputs, inputs], S.</summary>
    public double[] GMinus { get; }

    /// <summary>Digital output multipliers from drift compensation (all 1 without).</summary>
    public double[] CompensationFactors { get; internal set; }

    /// <summary>
    /// Standard deviation of each G⁺ device's read noise, S ([outputs, inputs]), when the noise is drawn afresh on every read
    /// (<see cref="CrossbarInstance.Drifted"/>: <see cref="GPlus"/> is then the noise-free drifted conductance); null when the
    /// read noise is already in the conductances (one frozen snapshot, <see cref="CrossbarInstance.At(double, double)"/>).
    /// </summary>
    public double[]? ReadSigmaPlus { get; init; }

    /// <summary>Standard deviation of each G⁻ device's read noise, S, as <see cref="ReadSigmaPlus"/>.</summary>
    public double[]? ReadSigmaMinus { get; init; }

    /// <summary>The compensation the factors implement.</summary>
    public DriftCompensation CompensationMode { get; internal set; }

    /// <summary>The weights the conductances represent, (G⁺ − G⁻)/Scale, [outputs, inputs].</summary>
    public double[] EffectiveWeights()
    {
        var w = new double[GPlus.Length];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = Mapping.ToWeight(GPlus[i], GMinus[i]);
        }
        return w;
    }

    /// <summary>
    /// The drift reference read: every row at full-scale voltage (normalised to 1), each column's
    /// I⁺ + I⁻ in units of GMax.
    /// </summary>
    public double[] ReferenceRead()
    {
        var r = new double[Outputs];
        for (int j = 0; j < Outputs; j++)
        {
            double s = 0;
            for (int i = 0; i < Inputs; i++)
            {
                s += GPlus[(j * Inputs) + i] + GMinus[(j * Inputs) + i];
            }
            r[j] = s / Mapping.GMax;
        }
        return r;
    }
}
