using System.Numerics;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Layers;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Bench.Suite;

/// <summary>
/// NeuroBench-style static and data-dependent complexity metrics (Yik et al., "NeuroBench", Nature
/// Communications 2025): footprint, connection sparsity, activation sparsity, effective MACs.
/// Measured for layered networks only: digital MLPs (<see cref="Linear{T}"/>), crossbar MLPs
/// (<see cref="AnalogLinear{T}"/>, see <see cref="Measure{T}"/>) and photonic mesh networks
/// (<see cref="MeasureMesh{T}"/>). Networks that are graphs solved to equilibrium (resistor and spring
/// networks) and reservoirs have no layer-by-layer multiply-accumulate, so the suite leaves them out
/// (<see cref="NotMeasured"/>).
/// </summary>
/// <param name="FootprintBytes">Bytes of parameters and buffers at the stored word size (see each Measure method for what a word is).</param>
/// <param name="ConnectionSparsity">Fraction of weights (not biases) that are exactly zero; for a mesh, of the entries of its equivalent N×N transfer matrix.</param>
/// <param name="ActivationSparsity">Fraction of activation-layer outputs (ReLU and the like; photodetector outputs for a mesh network) that are exactly zero, over the test set.</param>
/// <param name="EffectiveMacsPerSample">Multiply-accumulates per sample where neither the input activation nor the weight is zero, mean over the test set (biases not counted); for a mesh, complex MACs of its equivalent dense matrix.</param>
public sealed record StaticMetrics(long FootprintBytes, double ConnectionSparsity, double ActivationSparsity, double EffectiveMacsPerSample)
{
    /// <summary>
    /// Devices per crossbar weight: a signed weight is stored as a differential conductance pair
    /// G⁺ − G⁻ (<see cref="PnnKit.Memristive.Crossbar.WeightMapping"/>), so each weight counts two stored words.
    /// </summary>
    public const int DevicesPerCrossbarWeight = 2;

    /// <summary>Why the suite has no static metrics for a substrate row, or null when it measures them.</summary>
    public static string? NotMeasured(string substrate) => substrate switch
    {
        "resistor network" or "spring network" => "a graph relaxed to equilibrium, not layers: edges are the parameters, MACs are not defined",
        "spintronic" => "a reservoir (virtual nodes of one oscillator) plus a readout: no layered weights to inspect",
        _ => null,
    };

    /// <summary>
    /// Measures a sequential network of <see cref="Linear{T}"/>, <see cref="AnalogLinear{T}"/> and
    /// activation layers on <paramref name="test"/> in evaluation mode; <paramref name="bytesPerWord"/> is
    /// the stored word size (4 for float32). A crossbar layer's weights count as their conductance pairs,
    /// <see cref="DevicesPerCrossbarWeight"/> words per weight (each device's conductance held as one word,
    /// as the simulation holds the digital copy); its digital biases count one word each. A crossbar layer
    /// is read without an instance (<see cref="AnalogLinear{T}.Instance"/> null: the ideal design with
    /// converters and read noise), or on the instance it holds.
    /// </summary>
    public static StaticMetrics Measure<T>(Sequential<T> model, Dataset<T> test, int bytesPerWord = 4)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerWord, 1);
        long words = model.Parameters.Sum(p => (long)p.Value.Length);
        long weights = 0, zeroWeights = 0;
        foreach (var layer in model.Layers)
        {
            if (Weights(layer) is { } w)
            {
                weights += w.Value.Length;
                zeroWeights += w.Value.Data.Count(v => v == T.Zero);
                words += layer is AnalogLinear<T> ? (DevicesPerCrossbarWeight - 1L) * w.Value.Length : 0;
            }
        }
        long activations = 0, zeroActivations = 0;
        double macs = 0;
        var ctx = new ForwardContext(Mode.Eval, new Rng(0));
        Tensor<T> x = test.Features;
        foreach (var layer in model.Layers)
        {
            if (Weights(layer) is { } w)
            {
                macs += EffectiveMacs(w.Value.Data, x.RowLength, w.Value.Length / x.RowLength, x);
            }
            x = layer.Forward(x, ctx);
            if (layer is Activation<T>) // dropout is the identity in evaluation and is not counted twice
            {
                activations += x.Length;
                zeroActivations += x.Data.Count(v => v == T.Zero);
            }
        }
        return new StaticMetrics(words * bytesPerWord, weights == 0 ? 0 : (double)zeroWeights / weights,
            activations == 0 ? 0 : (double)zeroActivations / activations, macs / test.Count);
    }

    /// <summary>
    /// Measures a photonic mesh network (<see cref="PnnKit.Photonics.Networks.MeshClassifier"/>: modulators,
    /// <see cref="MziMesh{T}"/> or <see cref="InSituMesh{T}"/>, photodetectors) on <paramref name="test"/>.
    /// Footprint: the mesh phases (θ and φ of every MZI, the output phases), one word of
    /// <paramref name="bytesPerWord"/> bytes each (a heater setting held digitally). Connections: the entries
    /// of each mesh's equivalent N×N transfer matrix U (fabricated errors included), sparse where |U_ij| = 0.
    /// MACs: the convention is the equivalent dense complex matrix, one complex MAC per nonzero U_ij fed by a
    /// nonzero input field E_j (one complex MAC is four real multiplications; the light does them in one pass
    /// through N(N−1)/2 MZI cells, which this convention does not count). Activations: photodetector outputs.
    /// </summary>
    public static StaticMetrics MeasureMesh<T>(Sequential<T> model, Dataset<T> test, int bytesPerWord = 4)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerWord, 1);
        long words = model.Parameters.Sum(p => (long)p.Value.Length);
        long entries = 0, zeroEntries = 0, activations = 0, zeroActivations = 0;
        double macs = 0;
        var ctx = new ForwardContext(Mode.Eval, new Rng(0));
        Tensor<T> x = test.Features;
        foreach (var layer in model.Layers)
        {
            if (layer switch { MziMesh<T> m => m, InSituMesh<T> s => s.Mesh, _ => null } is { } mesh)
            {
                var u = mesh.TransferMatrix();
                entries += u.Length;
                zeroEntries += u.Count(c => c == System.Numerics.Complex.Zero);
                macs += MeshMacs(u, mesh.Modes, x);
            }
            x = layer.Forward(x, ctx);
            if (layer is Photodetector<T>)
            {
                activations += x.Length;
                zeroActivations += x.Data.Count(v => v == T.Zero);
            }
        }
        if (entries == 0)
        {
            throw new ArgumentException("The model has no MZI mesh; use Measure for digital or crossbar networks.", nameof(model));
        }
        return new StaticMetrics(words * bytesPerWord, (double)zeroEntries / entries,
            activations == 0 ? 0 : (double)zeroActivations / activations, macs / test.Count);
    }

    private static Parameter<T>? Weights<T>(ILayer<T> layer)
        where T : unmanaged, IFloatingPointIeee754<T> => layer switch
        {
            Linear<T> l => l.Weight,
            AnalogLinear<T> a => a.Weight,
            _ => null,
        };

    // Σ over samples and inputs i with x_i ≠ 0 of the nonzero weights fed by input i (weights are [outputs, inputs]).
    private static double EffectiveMacs<T>(T[] w, int inputs, int outputs, Tensor<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var fanOut = new long[inputs];
        for (int o = 0; o < outputs; o++)
        {
            for (int i = 0; i < inputs; i++)
            {
                fanOut[i] += w[(o * inputs) + i] == T.Zero ? 0 : 1;
            }
        }
        long macs = 0;
        var data = x.Data;
        for (int s = 0; s < x.Rows; s++)
        {
            for (int i = 0; i < inputs; i++)
            {
                macs += data[(s * inputs) + i] == T.Zero ? 0 : fanOut[i];
            }
        }
        return macs;
    }

    // Σ over samples and modes j with E_j ≠ 0 of the nonzero entries in column j of U (row-major, output i from input j);
    // the field is [batch, 2, N]: real parts, then imaginary parts.
    private static double MeshMacs<T>(System.Numerics.Complex[] u, int n, Tensor<T> field)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var fanOut = new long[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                fanOut[j] += u[(i * n) + j] == System.Numerics.Complex.Zero ? 0 : 1;
            }
        }
        long macs = 0;
        var data = field.Data;
        int batch = field.Length / (2 * n);
        for (int s = 0; s < batch; s++)
        {
            for (int j = 0; j < n; j++)
            {
                bool lit = data[(s * 2 * n) + j] != T.Zero || data[(s * 2 * n) + n + j] != T.Zero;
                macs += lit ? fanOut[j] : 0;
            }
        }
        return macs;
    }
}
