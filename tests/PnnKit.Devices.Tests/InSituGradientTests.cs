using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Devices.Simulated;
using PnnKit.Methods;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Devices.Tests;

/// <summary>In-situ gradients measured by a served mesh (MeasureGradient) and used for training through <see cref="InSituLayer{T}"/>.</summary>
public sealed class InSituGradientTests
{
    private const string Token = "test-token-insitu-0123456789";

    private static readonly RemoteDeviceOptions Fast = new() { Attempts = 3, FirstBackoff = TimeSpan.FromMilliseconds(20), CallTimeout = TimeSpan.FromSeconds(5) };

    // A fabricated 4-mode mesh without loss, crosstalk or heater DACs: coupler and phase errors only, so the in-situ protocol is exact.
    private static MziMesh<double> Chip() =>
        new ClementsMesh<double>(4, name: "chip").Fabricate(MeshVariation.Typical with { InsertionLossDb = 0, InsertionLossStdDb = 0, NeighbourCrosstalk = 0, ThermalCrosstalk = null, DacBits = 0 }, 5).Mesh;

    private static Tensor<double> Fields(int batch, ulong seed)
    {
        var x = new Tensor<double>(batch, 2, 4);
        new Rng(seed).FillUniform(x.Data, -0.7, 0.7);
        return x;
    }

    private static List<Parameter<double>> Phases(ulong seed)
    {
        var design = new ClementsMesh<double>(4, new Rng(seed));
        return [.. design.Parameters.Select(p => new Parameter<double>(p.Name, p.Value.Clone(), p.Lower, p.Upper))];
    }

    [Fact]
    public async Task ServedGradient_MatchesFiniteDifferencesOfTheServedForward_ForEveryPhaseAndTheInput()
    {
        await using var server = await DeviceServer.StartAsync([InSituMeshDevice.Create("chip", Chip(), InSituOptions.NoiseFree, 1)], new DeviceServerOptions { Token = Token });
        using var remote = RemoteDevice<double>.Connect(new DeviceAddress(server.Address, "chip"), Token, Fast);
        Assert.StartsWith("in-situ adjoint", remote.Info.GradientMethod, StringComparison.Ordinal);
        var layer = new InSituLayer<double>(remote, Phases(2), Domain.Optical, [2, 4]);
        // Finite differences of the served forward against the served gradient: the wire carries doubles, so h = 1e-6 resolves it.
        var result = GradientCheck.Run(layer, Fields(3, 4), maxEntries: 16);
        result.AssertWithin(1e-6);
        Assert.True(remote.Statistics.GradientExamples == 3 && remote.Statistics.Readings == 3 * new InSituMeshSystem<double>(Chip()).ReadingsPerGradient,
            $"{remote.Statistics.GradientExamples} gradient examples, {remote.Statistics.Readings} readings");
    }

    [Fact]
    public async Task ServedGradient_WithMeasuredReadings_IsTheInProcessProtocolsNoisyEstimate()
    {
        // The same chip served and in process, both with the measured readings (noise, ADCs, imperfect adjoint source) from one seed.
        await using var server = await DeviceServer.StartAsync([InSituMeshDevice.Create("chip", Chip(), InSituOptions.Measured, 9)], new DeviceServerOptions { Token = Token });
        using var remote = RemoteDevice<double>.Connect(new DeviceAddress(server.Address, "chip"), Token, Fast);
        var local = new InSituMeshSystem<double>(Chip(), InSituOptions.Measured, 9);
        var exact = new InSituMeshSystem<double>(Chip(), InSituOptions.NoiseFree, 9);
        var controls = Phases(3).SelectMany(p => p.Value.Data).ToArray();
        var x = Fields(20, 6).Reshape(20, 8);
        var g = Fields(20, 7).Reshape(20, 8);
        var ledger = new CostLedger();
        var (served, _) = remote.MeasureGradient(x, g, controls, ledger);
        var (inProcess, _) = local.MeasureGradient(x, g, controls);
        var (truth, _) = exact.MeasureGradient(x, g, controls);
        // Same noise stream: identical; and noisy, so not the exact gradient, but close to it (cosine > 0.9).
        Assert.Equal(inProcess, served);
        double dot = served.Zip(truth, (a, b) => a * b).Sum(), cos = dot / Math.Sqrt(served.Sum(v => v * v) * truth.Sum(v => v * v));
        Assert.True(served.Zip(truth).Any(p => p.First != p.Second), "the measured readings changed nothing");
        Assert.InRange(cos, 0.9, 1.0);
        // The passes' light, sources and readings arrive as the device's energy.
        Assert.True(ledger.Entries.Sum(e => e.EnergyJoules) > 0);
    }

    [Fact]
    public async Task MeasureGradient_OnADeviceWithoutAGradientMethod_IsRefusedClearly()
    {
        await using var server = await DeviceServer.StartAsync([PhotonicMeshDevice.Create("mesh", 4, MeshVariation.None, 1, 1)], new DeviceServerOptions { Token = Token });
        using var remote = RemoteDevice<double>.Connect(new DeviceAddress(server.Address, "mesh"), Token, Fast);
        var e = Assert.Throws<DeviceException>(() => remote.MeasureGradient(new Tensor<double>(1, 8), new Tensor<double>(1, 4), new double[remote.ControlCount]));
        Assert.Contains("does not measure its gradient", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeasureGradient_CountsAgainstTheBudget()
    {
        await using var server = await DeviceServer.StartAsync([InSituMeshDevice.Create("chip", Chip(), InSituOptions.NoiseFree, 1, budget: 5)], new DeviceServerOptions { Token = Token });
        using var remote = RemoteDevice<double>.Connect(new DeviceAddress(server.Address, "chip"), Token, Fast);
        var controls = Phases(3).SelectMany(p => p.Value.Data).ToArray();
        remote.MeasureGradient(Fields(4, 1).Reshape(4, 8), Fields(4, 2).Reshape(4, 8), controls);
        Assert.Equal(4, remote.DeviceQueries);
        Assert.Throws<QueryBudgetExhaustedException>(() => remote.MeasureGradient(Fields(2, 1).Reshape(2, 8), Fields(2, 2).Reshape(2, 8), controls));
    }
}
