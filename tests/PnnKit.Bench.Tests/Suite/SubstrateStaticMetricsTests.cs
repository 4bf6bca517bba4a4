using PnnKit.Bench.Suite;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Layers;
using PnnKit.Memristive.Reproductions;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;

namespace PnnKit.Bench.Tests.Suite;

public sealed class SubstrateStaticMetricsTests
{
    [Fact]
    public void Measure_CountsACrossbarMlpsWeightsAsConductancePairs()
    {
        // Layer 1 (3 → 2) [[1, 0, 2], [0, 0, −1]], bias [−0.5, 0.5]; ReLU; layer 2 (2 → 1) [[1, 1]], bias 0. Weights up to 2 fit the mapping.
        var rng = new Rng(1);
        var config = new AnalogConfig { Mapping = new WeightMapping(weightMax: 2.0) };
        var l1 = new AnalogLinear<float>(3, 2, rng, config, name: "c1");
        var l2 = new AnalogLinear<float>(2, 1, rng, config, name: "c2");
        float[] w1 = [1, 0, 2, 0, 0, -1];
        w1.CopyTo(l1.Weight.Value.Data, 0);
        l1.Bias!.Value.Data[0] = -0.5f;
        l1.Bias.Value.Data[1] = 0.5f;
        l2.Weight.Value.Data[0] = 1;
        l2.Weight.Value.Data[1] = 1;
        l2.Bias!.Value.Data[0] = 0;
        var model = new Sequential<float>(l1, new ReLU<float>(), l2);
        // Samples [1, 0, 1] and [0, 1, 0] (inputs within the DAC's range).
        var test = new Dataset<float>("hand", Tensor<float>.FromArray([1, 0, 1, 0, 1, 0], 2, 3), [0, 1], 2);

        var m = StaticMetrics.Measure(model, test);

        // 8 weights × 2 devices + 3 digital biases = 19 words of 4 bytes.
        Assert.Equal(((8 * StaticMetrics.DevicesPerCrossbarWeight) + 3) * 4, m.FootprintBytes);
        Assert.Equal(76, m.FootprintBytes);
        Assert.Equal(3.0 / 8, m.ConnectionSparsity, 15);
        // Hidden pre-activations: [1 + 2 − 0.5, −1 + 0.5] = [2.5, −0.5] → [2.5, 0]; [−0.5, 0.5] → [0, 0.5]: 2 of 4 zero
        // (read noise and 8-bit converters move the values by far less than 0.5).
        Assert.Equal(0.5, m.ActivationSparsity, 15);
        // Layer 1: 1 + 2 MACs for sample 1, none for sample 2 (its input feeds only zero weights); layer 2: 1 per sample. (3 + 2) / 2.
        Assert.Equal(2.5, m.EffectiveMacsPerSample, 15);
    }

    [Fact]
    public void MeasureMesh_CountsTheEquivalentDenseComplexMatrix()
    {
        // One 2-mode Clements mesh (1 MZI: θ, φ, 2 output phases = 4 phases) behind a modulator of 1 feature + the bias mode.
        var mesh = new ClementsMesh<double>(2, new Rng(5), name: "m");
        mesh.SetPhases([0.7], [0.3], [0.1, -0.2]);
        var model = MeshClassifier.Build<double>([mesh], features: 1);
        // Fields [1, 1] and [0, 1]: the first lights both inputs, the second only the bias mode.
        var test = new Dataset<double>("hand", Tensor<double>.FromArray([1, 0], 2, 1), [0, 1], 2);

        var m = StaticMetrics.MeasureMesh(model, test);

        Assert.Equal(4 * 4, m.FootprintBytes);
        // θ = 0.7 splits light partly: every entry of U is nonzero, so the mesh is dense.
        Assert.Equal(0, m.ConnectionSparsity);
        Assert.Equal(0, m.ActivationSparsity);
        // 2 lit inputs × 2 outputs, then 1 × 2: (4 + 2) / 2 complex MACs.
        Assert.Equal(3, m.EffectiveMacsPerSample, 15);
    }

    [Fact]
    public void MeasureMesh_SeesTheZerosOfABarOrCrossState()
    {
        // θ = 0 or π puts the MZI in a bar or cross state: two entries of U vanish (exactly: the couplers' 1/√2 products cancel bit for bit).
        var mesh = new ClementsMesh<double>(2, new Rng(5), name: "m");
        mesh.SetPhases([0], [0], [0, 0]);
        var u = mesh.TransferMatrix();
        int zeros = u.Count(c => c == System.Numerics.Complex.Zero);
        var model = MeshClassifier.Build<double>([mesh], features: 1);
        var test = new Dataset<double>("hand", Tensor<double>.FromArray([1, 0], 2, 1), [0, 1], 2);

        var m = StaticMetrics.MeasureMesh(model, test);

        Assert.Equal(2, zeros);
        Assert.Equal(0.5, m.ConnectionSparsity, 15);
        // Each lit input reaches one output: sample 1 two MACs, sample 2 one; sample 2's field [0, 1] leaves one detector dark.
        Assert.Equal(1.5, m.EffectiveMacsPerSample, 15);
        Assert.Equal(0.25, m.ActivationSparsity, 15);
    }

    [Fact]
    public void MeasureMesh_RefusesANetworkWithoutAMesh()
    {
        var model = new Sequential<double>(new Linear<double>(2, 2, new Rng(1)));
        var test = new Dataset<double>("hand", Tensor<double>.FromArray([1, 0], 1, 2), [0], 2);
        var e = Assert.Throws<ArgumentException>(() => StaticMetrics.MeasureMesh(model, test));
        Assert.Equal("model", e.ParamName);
    }

    [Theory]
    [InlineData("resistor network")]
    [InlineData("spring network")]
    [InlineData("spintronic")]
    public void NotMeasured_GivesAReasonForNonLayeredSubstrates(string substrate) =>
        Assert.False(string.IsNullOrWhiteSpace(StaticMetrics.NotMeasured(substrate)));

    [Theory]
    [InlineData("digital")]
    [InlineData("memristive")]
    [InlineData("photonic")]
    public void NotMeasured_IsNullForLayeredSubstrates(string substrate) => Assert.Null(StaticMetrics.NotMeasured(substrate));
}

public sealed class SubstrateRowStaticMetricsTests
{
    [Fact]
    public void PhotonicResult_CarriesTheMeshNetworksStaticMetrics_OutsideItsJson()
    {
        var r = PnnKit.Bench.Reproductions.InSituPhotonic.Run(new PnnKit.Bench.Reproductions.InSituPhotonicOptions { Samples = 60, DesignEpochs = 1, InSituEpochs = 1 });
        var m = r.Static!;
        // 3 meshes × (6 MZIs × θ, φ + 4 output phases) = 48 phases of 4 bytes.
        Assert.Equal(3 * ((2 * 6) + 4) * 4, m.FootprintBytes);
        // 0.4 rad phase errors leave no MZI in an exact bar or cross state: every U is dense.
        Assert.Equal(0, m.ConnectionSparsity);
        // Every encoded input and every detector output is lit, so each mesh does its full 4 × 4 complex MACs.
        Assert.Equal(3 * 16, m.EffectiveMacsPerSample, 12);
        Assert.DoesNotContain("static", System.Text.Json.JsonSerializer.Serialize(r), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void MemristiveResult_CarriesTheCrossbarMlpsStaticMetrics_OutsideItsJson()
    {
        var (train, test) = DataCatalog.LoadTrainTest<float>("mnist-subset");
        int[] first(int n) => [.. Enumerable.Range(0, n)];
        var r = PnnKit.Bench.Reproductions.MemristorDrift.Run(new PnnKit.Bench.Reproductions.MemristorDriftOptions { Hidden = [8], Epochs = 1, Instances = 1, Ages = [1], Data = (train.Subset(first(64)), test.Subset(first(32))) });
        var m = r.Static!;
        // (784·8 + 8·10) weights as conductance pairs, 8 + 10 digital biases, 4 bytes each.
        Assert.Equal(((((784 * 8) + (8 * 10)) * StaticMetrics.DevicesPerCrossbarWeight) + 8 + 10) * 4, m.FootprintBytes);
        Assert.InRange(m.ActivationSparsity, 0, 1);
        // MNIST has black pixels: fewer MACs than the dense 784·8 + 8·10.
        Assert.InRange(m.EffectiveMacsPerSample, 1, ((784 * 8) + (8 * 10)) - 1);
        Assert.DoesNotContain("static", System.Text.Json.JsonSerializer.Serialize(r), StringComparison.OrdinalIgnoreCase);
    }
}
