using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.Tests;

public class MeshSystemTests
{
    [Fact]
    public void MeshSystem_MeasuresOutputPower_CountsQueries_AndChecksSizes()
    {
        var mesh = new ClementsMesh<double>(4, new Rng(1));
        var controls = mesh.Theta.Value.Data.Concat(mesh.Phi.Value.Data).Concat(mesh.OutputPhase.Value.Data).ToArray();
        var sys = new MeshSystem<double>(mesh);
        var x = new Tensor<double>(3, 8);
        new Rng(2).FillNormal(x.Span, 0, 1);
        var measured = sys.Measure(x, controls);
        var field = mesh.Forward(x.Reshape(3, 2, 4), ForwardContext.Eval());
        for (int b = 0; b < 3; b++)
        {
            for (int m = 0; m < 4; m++)
            {
                Assert.Equal((field[b, m] * field[b, m]) + (field[b, 4 + m] * field[b, 4 + m]), measured[b, m], 12);
            }
        }
        Assert.Equal(3, sys.QueryCount);
        Assert.Equal(16, sys.ControlCount);
        Assert.Throws<ArgumentException>(() => sys.Measure(x, controls.AsSpan(1)));
        Assert.Throws<ArgumentException>(() => sys.Measure(new Tensor<double>(1, 6), controls));
    }

    [Fact]
    public void MeshSystem_WithDetectorNoise_IsNoisyButReproducibleFromItsSeed()
    {
        var controls = new double[16];
        var x = new Tensor<double>(2, 8);
        x.Fill(0.5);
        Tensor<double> Run(ulong seed) => new MeshSystem<double>(new ClementsMesh<double>(4), new PhotodetectorNoise(0, 0.01), seed).Measure(x, controls);
        Assert.Equal(Run(3).Data, Run(3).Data);
        Assert.NotEqual(Run(3).Data, Run(4).Data);
    }
}
