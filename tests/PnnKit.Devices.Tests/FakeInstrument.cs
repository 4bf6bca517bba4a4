using PnnKit.Devices;

namespace PnnKit.Devices.Tests;

/// <summary>A driver that records what reaches it and returns readings a test chooses: y = gain · Σ inputs per example.</summary>
internal sealed class FakeInstrument(DeviceInfo info) : IDeviceDriver
{
    public DeviceInfo Info { get; } = info;

    public List<double[]> Applied { get; } = [];

    public int Runs { get; private set; }

    /// <summary>Replaces every reading (NaN, out of range) when set.</summary>
    public double? Forced { get; set; }

    public void Apply(ReadOnlySpan<double> controls) => Applied.Add(controls.ToArray());

    public DeviceReading Run(ReadOnlySpan<double> inputs, int batch)
    {
        Runs++;
        var y = new double[batch * Info.OutputSize];
        double gain = Applied[^1][0];
        for (int b = 0; b < batch; b++)
        {
            double sum = 0;
            for (int i = 0; i < Info.InputSize; i++)
            {
                sum += inputs[(b * Info.InputSize) + i];
            }
            for (int o = 0; o < Info.OutputSize; o++)
            {
                y[(b * Info.OutputSize) + o] = Forced ?? (gain * sum);
            }
        }
        return new DeviceReading(y, batch * 1e-6, new Dictionary<string, double> { ["Core"] = batch * 2e-12, ["Converter"] = batch * 1e-12 });
    }

    public IReadOnlyDictionary<string, double> Monitors() => new Dictionary<string, double> { ["temperature_K"] = 301.5 };

    /// <summary>Two inputs in [−1, 1] V, one gain control in [0, 2], two readouts in [−10, 10] V.</summary>
    public static FakeInstrument Standard(long budget = 0) => new(new DeviceInfo
    {
        Name = "fake",
        Kind = "instrument",
        Input = new ChannelSpec("voltage", "V", 2, -1, 1),
        Controls = [new ChannelSpec("gain", "V/V", 1, 0, 2)],
        Readouts = [new ChannelSpec("output", "V", 2, -10, 10)],
        SettlingSeconds = 1e-3,
        SecondsPerExample = 1e-6,
        Budget = budget,
    });
}

/// <summary>Collects what a server logs.</summary>
internal sealed class CapturingLogger : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ILogger
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Warning;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Messages.Enqueue(formatter(state, exception));
        }
    }

    public void Dispose()
    {
    }
}
