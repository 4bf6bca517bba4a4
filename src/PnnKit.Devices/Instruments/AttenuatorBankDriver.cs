using System.Globalization;

namespace PnnKit.Devices.Instruments;

/// <summary>
/// The worked example of wrapping a real instrument: a bank of four variable optical attenuators feeding two power meters,
/// driven over a <see cref="LineConnection"/> with its text commands (examples/FakeInstrument speaks them:
/// "ATT t1,…,t4", "MEAS? x1,…,x4", "TEMP?"). Everything instrument-specific is here — the commands and the
/// description of its channels; <see cref="DeviceServer"/> adds the token, range checks, caching and reading checks.
/// The instrument measures one example per command, so a batch is a loop.
/// </summary>
public sealed class AttenuatorBankDriver : IDeviceDriver, IDisposable
{
    private readonly LineConnection _link;
    private bool _unsettled;

    /// <summary>Talks to the instrument at <paramref name="host"/>:<paramref name="port"/>, waiting <paramref name="timeout"/> for each answer.</summary>
    public AttenuatorBankDriver(string name, string host, int port, TimeSpan timeout)
    {
        _link = new LineConnection(host, port, timeout);
        Info = new DeviceInfo
        {
            Name = name,
            Kind = "instrument",
            Input = new ChannelSpec("source-power", "mW", 4, 0, 1),
            Controls = [new ChannelSpec("transmission", "1", 4, 0, 1)],
            // Two power meters: the splitter is passive, so at most the 4 mW that enter; ±0.1 mW for noise after dark subtraction.
            Readouts = [new ChannelSpec("detected-power", "mW", 2, -0.1, 4.1, 1e-3)],
            // Assumption for the example: a MEMS attenuator settles in ~10 ms, a power meter averages ~1 ms per reading.
            SettlingSeconds = 10e-3,
            SecondsPerExample = 1e-3,
        };
    }

    /// <inheritdoc/>
    public DeviceInfo Info { get; }

    /// <summary>The instrument's identification string (*IDN?).</summary>
    public string Identify() => _link.Query("*IDN?");

    /// <inheritdoc/>
    public void Apply(ReadOnlySpan<double> controls)
    {
        _link.Query("ATT " + Join(controls));
        _unsettled = true;
    }

    /// <inheritdoc/>
    public DeviceReading Run(ReadOnlySpan<double> inputs, int batch)
    {
        var y = new double[batch * Info.OutputSize];
        for (int b = 0; b < batch; b++)
        {
            string answer = _link.Query("MEAS? " + Join(inputs.Slice(b * Info.InputSize, Info.InputSize)));
            string[] items = answer.Split(',');
            if (items.Length != Info.OutputSize)
            {
                throw new IOException($"instrument at {_link.Endpoint} answered '{answer}' to a measurement; expected {Info.OutputSize} comma-separated powers.");
            }
            for (int j = 0; j < items.Length; j++)
            {
                // A value that does not parse becomes NaN, which the server rejects and logs like any bad reading.
                y[(b * Info.OutputSize) + j] = double.TryParse(items[j], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
            }
        }
        double seconds = (batch * Info.SecondsPerExample) + (_unsettled ? Info.SettlingSeconds : 0);
        _unsettled = false;
        return new DeviceReading(y, seconds, new Dictionary<string, double>());
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Monitors() =>
        new Dictionary<string, double> { ["temperature_K"] = double.Parse(_link.Query("TEMP?"), CultureInfo.InvariantCulture) };

    /// <inheritdoc/>
    public void Dispose() => _link.Dispose();

    private static string Join(ReadOnlySpan<double> values) => string.Join(",", values.ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
