using System.Diagnostics;
using Grpc.Core;
using PnnKit.Core.Tensors;
using PnnKit.Devices.Instruments;

namespace PnnKit.Devices.Tests;

/// <summary>The worked example: a driver speaking a text protocol over TCP to a fake instrument process, served over the device protocol.</summary>
public sealed class AttenuatorBankTests
{
    private const string Token = "test-token-0123456789abcdef";

    // The fake instrument's splitter (examples/FakeInstrument/Program.cs): detector j sees Σ_i S_ij · t_i · x_i.
    private static readonly double[,] Split = { { 0.45, 0.05 }, { 0.30, 0.20 }, { 0.15, 0.35 }, { 0.05, 0.45 } };

    // Two tries: a hung instrument costs each one the driver's 2 s timeout (generous, so a loaded machine's first answer is not mistaken for a hang).
    private static readonly RemoteDeviceOptions Fast = new() { Attempts = 2, FirstBackoff = TimeSpan.FromMilliseconds(20), CallTimeout = TimeSpan.FromSeconds(10) };

    // Starts examples/FakeInstrument as its own process and returns it with the port it listens on.
    private static (Process Instrument, int Port) StartInstrument(params string[] options)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FakeInstrument.dll"));
        foreach (var o in options)
        {
            psi.ArgumentList.Add(o);
        }
        var p = Process.Start(psi)!;
        string line = p.StandardOutput.ReadLine() ?? throw new InvalidOperationException(p.StandardError.ReadToEnd());
        return (p, int.Parse(line["listening on ".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<T> WithServedBank<T>(Func<RemoteDevice<double>, AttenuatorBankDriver, T> test, params string[] options)
    {
        var (instrument, port) = StartInstrument(options);
        try
        {
            using var driver = new AttenuatorBankDriver("bank", "127.0.0.1", port, TimeSpan.FromSeconds(2));
            await using var server = await DeviceServer.StartAsync([driver], new DeviceServerOptions { Token = Token, Logger = new CapturingLogger() });
            using var remote = RemoteDevice<double>.Connect(new DeviceAddress(server.Address, "bank"), Token, Fast);
            return test(remote, driver);
        }
        finally
        {
            instrument.Kill();
            instrument.WaitForExit();
        }
    }

    [Fact]
    public async Task ServedInstrument_MeasuresItsSplitter_ThroughTheTextProtocol()
    {
        await WithServedBank((remote, driver) =>
        {
            Assert.StartsWith("PnnKit,FakeAttenuatorBank", driver.Identify(), StringComparison.Ordinal);
            double[] t = [1.0, 0.5, 0.25, 0.0];
            var x = new Tensor<double>(4, 4);
            for (int i = 0; i < 4; i++)
            {
                x[i, i] = 1; // 1 mW into one attenuator at a time
            }
            var y = remote.Measure(x, t);
            for (int i = 0; i < 4; i++)
            {
                for (int j = 0; j < 2; j++)
                {
                    // 1 µW rms detector noise: 6σ.
                    Assert.Equal(Split[i, j] * t[i], y[i, j], 6e-3);
                }
            }
            Assert.Equal(296.15, remote.Monitors()["temperature_K"], 0.02);
            // One setting (10 ms to settle) and four 1 ms readings.
            Assert.Equal(14e-3, remote.Statistics.DeviceSeconds, 1e-12);
            return 0;
        });
    }

    [Fact]
    public async Task AnInstrumentAnsweringNaN_IsRejectedByTheServer()
    {
        await WithServedBank((remote, _) =>
        {
            var x = new Tensor<double>(1, 4);
            x.Data.AsSpan().Fill(0.5);
            remote.Measure(x, [1.0, 1.0, 1.0, 1.0]);
            var e = Assert.Throws<DeviceException>(() => remote.Measure(x, [1.0, 1.0, 1.0, 1.0]));
            Assert.Equal(StatusCode.DataLoss, e.Status);
            Assert.Contains("detected-power[0] = NaN mW", e.Message, StringComparison.Ordinal);
            return 0;
        }, "--nan-after", "1");
    }

    [Fact]
    public async Task AnInstrumentThatStopsAnswering_EndsTheRunWithAClearError_AfterRetries()
    {
        await WithServedBank((remote, _) =>
        {
            var x = new Tensor<double>(1, 4);
            x.Data.AsSpan().Fill(0.5);
            remote.Measure(x, [1.0, 1.0, 1.0, 1.0]); // ATT, MEAS?: the two commands it still answers
            var e = Assert.Throws<DeviceException>(() => remote.Measure(x, [0.5, 0.5, 0.5, 0.5]));
            Assert.Contains("got no answer after 2 tries", e.Message, StringComparison.Ordinal);
            Assert.Contains("device 'bank' did not answer while setting its controls", e.Message, StringComparison.Ordinal);
            Assert.Equal(1, remote.Statistics.Retries);
            return 0;
        }, "--silent-after", "2");
    }
}
