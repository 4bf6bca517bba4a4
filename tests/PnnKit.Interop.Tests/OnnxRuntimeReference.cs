using Microsoft.ML.OnnxRuntime;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using Tensor = PnnKit.Core.Tensors.Tensor<float>;

namespace PnnKit.Interop.Tests;

/// <summary>ONNX Runtime as the reference: the same inputs through a file in ORT and through PnnKit layers.</summary>
internal static class OnnxRuntimeReference
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary><paramref name="count"/> seeded standard-normal inputs of shape [count, ..shape].</summary>
    public static Tensor Inputs(int count, IReadOnlyList<int> shape, ulong seed = 7)
    {
        var x = new Tensor([count, .. shape]);
        new Rng(seed).FillNormal(x.Span, 0, 1);
        return x;
    }

    /// <summary>ONNX Runtime's output for <paramref name="x"/> on the model at <paramref name="path"/>.</summary>
    public static float[] Run(string path, Tensor x, string inputName = "input")
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(path, options);
        var tensor = new DenseTensor(x.Data, x.Shape.ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
        return [.. results[0].AsTensor<float>()];
    }

    public static float[] Pnn(ILayer<float> model, Tensor x) => model.Forward(x, ForwardContext.Eval(0)).Data;

    /// <summary>The largest absolute difference between two outputs of the same length.</summary>
    public static double MaxDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (p, q) => Math.Abs((double)p - q)).Max();
    }
}
