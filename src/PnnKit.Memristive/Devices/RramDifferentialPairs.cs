using PnnKit.Memristive.Crossbar;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// Signed weights on an RRAM array as differential row pairs, as Yao et al., Nature 577, 641 (2020) do: weight (i, j) of an
/// [inputs, outputs] matrix is G⁺ on row 2i and G⁻ on row 2i + 1 of column j; row 2i is driven with +Vᵢ and row 2i + 1 with
/// −Vᵢ, so column j carries Σᵢ (G⁺ − G⁻) · Vᵢ · (1 + a · Vᵢ²). Conductances come from <see cref="WeightMapping"/> with
/// GMin &gt; 0 (<see cref="RramDeviceModel.Mapping"/>): 8 levels per cell give 15 weight levels.
/// </summary>
public static class RramDifferentialPairs
{
    /// <summary>Target conductances [2·inputs, outputs] for <paramref name="weights"/> [inputs, outputs]; returns them and the count of clipped weights.</summary>
    public static double[] Targets(WeightMapping mapping, ReadOnlySpan<double> weights, int inputs, int outputs, out int clipped)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (inputs < 1 || outputs < 1 || weights.Length != inputs * outputs)
        {
            throw new ArgumentException($"weights must hold inputs × outputs = {inputs} × {outputs} values (both ≥ 1), got {weights.Length}.", nameof(weights));
        }
        var gp = new double[weights.Length];
        var gm = new double[weights.Length];
        clipped = mapping.ToConductances(weights, gp, gm, "weights");
        var t = new double[2 * weights.Length];
        for (int i = 0; i < inputs; i++)
        {
            for (int j = 0; j < outputs; j++)
            {
                t[(2 * i * outputs) + j] = gp[(i * outputs) + j];
                t[(((2 * i) + 1) * outputs) + j] = gm[(i * outputs) + j];
            }
        }
        return t;
    }

    /// <summary>Row voltages [2·inputs] for inputs <paramref name="voltages"/>: +Vᵢ on the G⁺ row, −Vᵢ on the G⁻ row.</summary>
    public static double[] RowVoltages(ReadOnlySpan<double> voltages)
    {
        var v = new double[2 * voltages.Length];
        for (int i = 0; i < voltages.Length; i++)
        {
            v[2 * i] = voltages[i];
            v[(2 * i) + 1] = -voltages[i];
        }
        return v;
    }

    /// <summary>The weights [inputs, outputs] a programmed state holds: (G⁺ − G⁻) / Scale per pair.</summary>
    public static double[] Weights(WeightMapping mapping, RramArrayState state)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Rows % 2 != 0)
        {
            throw new ArgumentException($"a differential state needs an even number of rows, got {state.Rows}.", nameof(state));
        }
        int inputs = state.Rows / 2, outputs = state.Columns;
        var w = new double[inputs * outputs];
        for (int i = 0; i < inputs; i++)
        {
            for (int j = 0; j < outputs; j++)
            {
                w[(i * outputs) + j] = mapping.ToWeight(state.Conductance(2 * i, j), state.Conductance((2 * i) + 1, j));
            }
        }
        return w;
    }
}
