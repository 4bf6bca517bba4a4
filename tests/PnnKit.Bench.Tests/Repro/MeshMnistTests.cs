using PnnKit.Bench.Repro;
using PnnKit.Core.Data;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Bench.Tests.Repro;

public class MeshMnistTests
{
    [Fact]
    public void FourierShift_EqualsTheFeaturesOfTheCircularlyShiftedImage()
    {
        const int side = 28, radius = 4;
        var image = new Tensor<double>(1, side * side);
        new Rng(5).FillUniform(image.Span, 0, 1);
        // The augmentation draws (dy, dx) from the stream; draw them the same way to know them.
        var rng = new Rng(9);
        var probe = new Rng(9);
        int dy = probe.NextInt(3) - 1, dx = probe.NextInt(3) - 1;
        var shifted = new Tensor<double>(1, side * side);
        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                shifted[0, ((((y + dy) % side) + side) % side * side) + ((((x + dx) % side) + side) % side)] = image[0, (y * side) + x];
            }
        }
        var expected = ImageFeatures.LowFrequencyFourier(shifted, side, side, radius).Storage;
        var actual = MeshMnist.Shift(ImageFeatures.LowFrequencyFourier(image, side, side, radius).Storage, radius, 1, rng);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected.Data[i], actual.Data[i], 1e-9);
        }
    }

    [Fact]
    public void Quick_LearnsDigits_FarAboveChance()
    {
        var r = MeshMnist.Run(MeshMnistOptions.Quick);
        Assert.Equal(64, r.Modes);
        Assert.Equal(2000, r.TrainCount);
        Assert.Equal(500, r.TestCount);
        // Untrained meshes score about 10 %; five epochs on 2,000 digits reach about 87 %.
        Assert.True(r.TestAccuracy >= 0.8, $"test accuracy {r.TestAccuracy:P2}");
        Assert.True(r.SystemEnergyPerInferenceJoules > 0);
    }

    [Theory]
    [InlineData(nameof(MeshMnistOptions.Radius))]
    [InlineData(nameof(MeshMnistOptions.Classes))]
    [InlineData(nameof(MeshMnistOptions.ShiftPixels))]
    public void BadSetting_IsRefused_NamingIt(string setting)
    {
        var bad = setting switch
        {
            nameof(MeshMnistOptions.Radius) => new MeshMnistOptions { Radius = 15 },
            nameof(MeshMnistOptions.Classes) => new MeshMnistOptions { Radius = 1, Classes = 10 },
            _ => new MeshMnistOptions { ShiftPixels = -1 },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(bad.Validate);
        Assert.Equal(setting, ex.ParamName);
    }
}
