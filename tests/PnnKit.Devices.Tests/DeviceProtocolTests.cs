using Grpc.Core;
using Grpc.Net.Client;
using PnnKit.Core.Costs;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Devices.Protocol;
using PnnKit.Devices.Simulated;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Devices.Tests;

public sealed class DeviceProtocolTests
{
    private const string Token = "test-token-0123456789abcdef";

    private static readonly RemoteDeviceOptions Fast = new() { Attempts = 3, FirstBackoff = TimeSpan.FromMilliseconds(20), CallTimeout = TimeSpan.FromSeconds(5) };

    private static Task<DeviceServer> Serve(IDeviceDriver driver, CapturingLogger? log = null) =>
        DeviceServer.StartAsync([driver], new DeviceServerOptions { Token = Token, Logger = log });

    private static DeviceAddress At(DeviceServer server, string device) => new(server.Address, device);

    private static Tensor<double> Inputs(int batch, int size, ulong seed, double amplitude = 0.7)
    {
        var x = new Tensor<double>(batch, size);
        new Rng(seed).FillUniform(x.Data, -amplitude, amplitude);
        return x;
    }

    // One example of two inputs at 0.25 V: the fake instrument reads gain · 0.5 V on both outputs.
    private static Tensor<double> Quarter()
    {
        var x = new Tensor<double>(1, 2);
        x.Data.AsSpan().Fill(0.25);
        return x;
    }

    [Fact]
    public async Task RemoteMesh_MeasuresExactlyWhatTheSameInstanceMeasuresInProcess()
    {
        // Two copies of one fabricated 4-mode chip (same fabrication and detector seeds): one served, one local.
        var variation = MeshVariation.Typical;
        await using var server = await Serve(PhotonicMeshDevice.Create("mesh-4x4", 4, variation, seed: 7, detectorSeed: 9));
        var local = new MeshSystem<double>(new ClementsMesh<double>(4, name: "mesh-4x4").Fabricate(variation, 7).Mesh, variation.DetectorNoise, 9);
        using var remote = RemoteDevice<double>.Connect(At(server, "mesh-4x4"), Token, Fast);
        Assert.Equal((local.InputSize, local.OutputSize, local.ControlCount), (remote.InputSize, remote.OutputSize, remote.ControlCount));

        var rng = new Rng(3);
        for (int step = 0; step < 3; step++)
        {
            var controls = new double[local.ControlCount];
            rng.FillUniform(controls, 0, 2 * Math.PI);
            var x = Inputs(5, local.InputSize, (ulong)step);
            var (localLedger, remoteLedger) = (new CostLedger(), new CostLedger());
            var expected = local.Measure(x, controls, localLedger);
            var measured = remote.Measure(x, controls, remoteLedger);
            Assert.Equal(expected.Data, measured.Data);
            // The device's energy arrives by category, so core and system stay apart on the client's ledger.
            foreach (var category in Enum.GetValues<CostCategory>())
            {
                Assert.Equal(localLedger.Entries.Where(e => e.Category == category).Sum(e => e.EnergyJoules), remoteLedger.Entries.Where(e => e.Category == category).Sum(e => e.EnergyJoules), 1e-24);
            }
        }
        Assert.Equal(15, remote.QueryCount);
        Assert.Equal(15, remote.Statistics.Examples);
        // Three new settings, each first run waiting one heater settling time, plus 15 symbols.
        Assert.Equal((3 * remote.Info.SettlingSeconds) + (15 * remote.Info.SecondsPerExample), remote.Statistics.DeviceSeconds, 1e-15);
    }

    [Fact]
    public async Task PhaseControls_Wrap_SoAPhaseOutsideOnePeriodActsAsItsRemainder()
    {
        await using var server = await Serve(PhotonicMeshDevice.Create("mesh", 4, MeshVariation.None, 1, 1));
        using var remote = RemoteDevice<double>.Connect(At(server, "mesh"), Token, Fast);
        var controls = Enumerable.Range(0, remote.ControlCount).Select(i => 0.1 * i).ToArray();
        var x = Inputs(3, remote.InputSize, 1);
        var y = remote.Measure(x, controls);
        var shifted = controls.Select((c, i) => c + ((i % 3) - 1) * 2 * Math.PI).ToArray();
        var again = remote.Measure(x, shifted).Data;
        for (int i = 0; i < again.Length; i++)
        {
            Assert.Equal(y.Data[i], again[i], 1e-12);
        }
    }

    [Fact]
    public async Task CallsWithoutTheToken_AreRefused_BeforeReachingTheDevice()
    {
        var fake = FakeInstrument.Standard();
        await using var server = await Serve(fake);
        var wrong = Assert.Throws<DeviceException>(() => RemoteDevice<double>.Connect(At(server, "fake"), "not-the-token-000000", Fast));
        Assert.Equal(StatusCode.Unauthenticated, wrong.Status);

        using var channel = GrpcChannel.ForAddress(server.Address);
        var raw = new Protocol.Device.DeviceClient(channel);
        var none = Assert.Throws<RpcException>(() => raw.SetControls(new ControlSettings { Device = "fake", Values = { 1.0 } }));
        Assert.Equal(StatusCode.Unauthenticated, none.StatusCode);
        Assert.Contains("Bearer", none.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(fake.Applied);
    }

    [Fact]
    public async Task ControlsAndInputsOutOfRange_AreRefusedByTheServer_NamingTheChannelAndRange()
    {
        var fake = FakeInstrument.Standard();
        await using var server = await Serve(fake);
        using var remote = RemoteDevice<double>.Connect(At(server, "fake"), Token, Fast);
        var e = Assert.Throws<DeviceException>(() => remote.Measure(Inputs(1, 2, 1), [2.5]));
        Assert.Equal(StatusCode.InvalidArgument, e.Status);
        Assert.Contains("gain[0] = 2.5 V/V is outside its range [0, 2]", e.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Applied);

        var big = Inputs(2, 2, 1);
        big[1, 0] = 1.5;
        var input = Assert.Throws<DeviceException>(() => remote.Measure(big, [1.0]));
        Assert.Contains("input 0 of example 1 is 1.5 V, outside [-1, 1] V", input.Message, StringComparison.Ordinal);
        Assert.Equal(0, fake.Runs);
    }

    [Fact]
    public async Task ReadingsThatAreNaNOrOutOfRange_AreRejectedAndLogged_NeverSent()
    {
        var fake = FakeInstrument.Standard();
        var log = new CapturingLogger();
        await using var server = await Serve(fake, log);
        using var remote = RemoteDevice<double>.Connect(At(server, "fake"), Token, Fast);
        Assert.Equal([0.5, 0.5], remote.Measure(Quarter(), [1.0]).Data);

        foreach (double bad in new[] { double.NaN, 42.0 })
        {
            fake.Forced = bad;
            var e = Assert.Throws<DeviceException>(() => remote.Measure(Inputs(2, 2, 3), [1.0]));
            Assert.Equal(StatusCode.DataLoss, e.Status);
            Assert.Contains($"output[0] = {bad} V for example 0", e.Message, StringComparison.Ordinal);
        }
        Assert.Equal(2, log.Messages.Count(m => m.Contains("was rejected and not sent", StringComparison.Ordinal)));
        Assert.Equal(1, remote.QueryCount); // rejected runs are not counted as measured examples
    }

    [Fact]
    public async Task ARetriedRun_IsAnsweredFromTheCache_NotMeasuredTwice()
    {
        var fake = FakeInstrument.Standard();
        await using var server = await Serve(fake);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var raw = new Protocol.Device.DeviceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + Token } };
        long version = raw.SetControls(new ControlSettings { Device = "fake", Values = { 2.0 } }, auth).Version;
        var run = new RunRequest { Device = "fake", Batch = 1, Inputs = { 0.5, 0.25 }, ControlsVersion = version, RequestId = "run-1" };
        var first = raw.Run(run, auth);
        var retry = raw.Run(run, auth);
        Assert.Equal(first, retry);
        Assert.Equal(1, fake.Runs);
        Assert.Equal([1.5, 1.5], first.Outputs);

        var stale = Assert.Throws<RpcException>(() => raw.Run(new RunRequest { Device = "fake", Batch = 1, Inputs = { 0, 0 }, ControlsVersion = version - 1, RequestId = "run-2" }, auth));
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
    }

    [Fact]
    public async Task TheBudget_IsEnforcedByTheServer_AsAQueryBudgetExhaustion()
    {
        var fake = FakeInstrument.Standard(budget: 10);
        await using var server = await Serve(fake);
        using var remote = RemoteDevice<double>.Connect(At(server, "fake"), Token, Fast);
        remote.Measure(Inputs(8, 2, 1), [1.0]);
        var e = Assert.Throws<QueryBudgetExhaustedException>(() => remote.Measure(Inputs(4, 2, 2), [1.0]));
        Assert.Contains("budget of 10", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, fake.Runs);
    }

    [Fact]
    public async Task AServerThatStopsAnswering_EndsWithAClearError_AfterRetriesWithBackoff()
    {
        var fake = FakeInstrument.Standard();
        var server = await Serve(fake);
        using var remote = RemoteDevice<double>.Connect(At(server, "fake"), Token, Fast);
        remote.Measure(Inputs(1, 2, 1), [1.0]);
        await server.DisposeAsync();
        var e = Assert.Throws<DeviceException>(() => remote.Measure(Inputs(1, 2, 2), [1.0]));
        Assert.Contains("got no answer after 3 tries", e.Message, StringComparison.Ordinal);
        Assert.Contains("stopped answering", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, remote.Statistics.Retries);
    }

    [Fact]
    public async Task AServerThatRestarted_GetsTheSettingAgain_AndTheRunGoesOn()
    {
        var fake = FakeInstrument.Standard();
        var first = await Serve(fake);
        int port = first.Address.Port;
        using var remote = RemoteDevice<double>.Connect(At(first, "fake"), Token, Fast);
        Assert.Equal([0.5, 0.5], remote.Measure(Quarter(), [1.0]).Data);
        await first.DisposeAsync();
        await using var second = await DeviceServer.StartAsync([fake], new DeviceServerOptions { Token = Token, Port = port });
        Assert.Equal([1.0, 1.0], remote.Measure(Quarter(), [2.0]).Data);
        Assert.Equal([0.5, 0.5], remote.Measure(Quarter(), [1.0]).Data);
        Assert.Equal(3, fake.Applied.Count);
    }

    [Fact]
    public async Task Monitors_AndDescription_ComeFromTheDevice()
    {
        await using var server = await Serve(FakeInstrument.Standard());
        using var remote = RemoteDevice<double>.Connect(At(server, "fake"), Token, Fast);
        Assert.Equal(301.5, remote.Monitors()["temperature_K"]);
        Assert.Equal("instrument", remote.Info.Kind);
        Assert.Equal(new ChannelSpec("gain", "V/V", 1, 0, 2), remote.Info.Controls[0]);
        var missing = Assert.Throws<DeviceException>(() => RemoteDevice<double>.Connect(new DeviceAddress(server.Address, "nope"), Token, Fast));
        Assert.Equal(StatusCode.NotFound, missing.Status);
        Assert.Contains("it serves fake", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5077/mesh")]
    [InlineData("grpc://127.0.0.1/mesh")]
    [InlineData("grpc://127.0.0.1:5077")]
    [InlineData("grpc://127.0.0.1:5077/a/b")]
    public void DeviceAddress_RefusesMalformedAddresses_ShowingTheForm(string text)
    {
        var e = Assert.Throws<FormatException>(() => DeviceAddress.Parse(text));
        Assert.Contains("grpc://", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceAddress_ParsesHostPortAndDevice()
    {
        var a = DeviceAddress.Parse("grpc://127.0.0.1:5077/mesh-4x4");
        Assert.Equal((new Uri("http://127.0.0.1:5077"), "mesh-4x4"), (a.Server, a.Device));
        Assert.Equal("grpc://127.0.0.1:5077/mesh-4x4", a.ToString());
    }
}
