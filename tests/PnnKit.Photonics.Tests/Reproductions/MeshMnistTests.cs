using PnnKit.Core.Data;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Reproductions;

using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests.Reproductions;

public class MeshMnistTests(ITestOutputHelper output)
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
    public void Quick_LearnsDigits_OnATrainValidationTestSplit()
    {
        var r = MeshMnist.Run(MeshMnistOptions.Quick);
        Assert.Equal(64, r.Modes);
        // 2,000 of the 7,200 training digits, the 800 held out for validation, 500 of the test digits.
        Assert.Equal(new SplitSizes(2000, 800, 500), r.Splits);
        // Untrained meshes score about 10 %; five epochs on 2,000 digits: 88.38 % validation, 89.00 % test today (±3 points).
        Assert.Equal(0.8838, r.ValidationAccuracy, 0.03);
        Assert.Equal(0.89, r.TestAccuracy, 0.03);
        Assert.True(r.SystemEnergyPerInferenceJoules > 0);
        foreach (var c in r.Chips!)
        {
            output.WriteLine($"{c.Meshes}: test {c.TestAccuracy:P2}, fidelity {c.MeanFidelity:F4}, {c.CalibrationReadings} readings");
        }
        // On the fabricated chip (MeshVariation.Typical, one instance per mesh): programmed as designed
        // 18.00 % (fidelity 0.176), after calibration 83.00 % (fidelity 0.879) today, of the ideal 89.00 %.
        Assert.Equal(["ideal", "fabricated", "calibrated", "calibrated, +10 K"], r.Chips!.Select(c => c.Meshes));
        Assert.Equal(r.TestAccuracy, r.Chips[0].TestAccuracy);
        Assert.Equal(0.18, r.Chips[1].TestAccuracy, 0.05);
        Assert.Equal(0.1762, r.Chips[1].MeanFidelity, 0.03);
        Assert.Equal(0.83, r.Chips[2].TestAccuracy, 0.03);
        Assert.Equal(0.8793, r.Chips[2].MeanFidelity, 0.02);
        // The calibrated chip 10 K warmer: the arms' 1 µm path imbalance drifts each phase by ~7 mrad: 82.80 % (fidelity 0.8767) today.
        Assert.Equal(0.828, r.Chips[3].TestAccuracy, 0.03);
        Assert.Equal(0.8767, r.Chips[3].MeanFidelity, 0.02);
        Assert.True(r.Chips[3].MeanFidelity < r.Chips[2].MeanFidelity);
        Assert.Equal(2 * 3 * 128 * 64, r.Chips[2].CalibrationReadings); // 2 meshes × 3 settings × 2N probes × N outputs
        // Device time: per mesh 4 writes (3 probe settings, the result) × 10 µs heater settling + 384 probes at 10 GS/s.
        Assert.Equal(2 * ((4 * 10e-6) + (3 * 128 / 10e9)), r.Chips[2].CalibrationSeconds, 1e-15);
    }

    [Fact]
    public void Sweep_ChoosesTheGainsOnValidation_AndReadsTestOnlyForTheChosenPoint()
    {
        var sweep = MeshMnist.Sweep(MeshMnistOptions.Quick with { TrainLimit = 400, Epochs = 1, Chip = null }, [0.2, 0.5], [5]);
        Assert.Equal(2, sweep.Grid.Count);
        var best = sweep.Grid.MaxBy(p => p.ValidationAccuracy)!;
        Assert.Equal(best.ValidationAccuracy, sweep.Chosen.ValidationAccuracy);
        // The chosen result is the same network Run trains with those gains.
        var again = MeshMnist.Run(MeshMnistOptions.Quick with { TrainLimit = 400, Epochs = 1, Chip = null, ActivationPhaseGain = best.ActivationPhaseGain, OutputGain = best.OutputGain });
        Assert.Equal(again.TestAccuracy, sweep.Chosen.TestAccuracy);
        Assert.NotEqual(sweep.Grid[0].ValidationAccuracy, sweep.Grid[1].ValidationAccuracy); // the gains matter
    }

    [Theory]
    [InlineData(nameof(MeshMnistOptions.Radius))]
    [InlineData(nameof(MeshMnistOptions.Classes))]
    [InlineData(nameof(MeshMnistOptions.ShiftPixels))]
    [InlineData(nameof(MeshMnistOptions.AmbientRiseKelvin))]
    public void BadSetting_IsRefused_NamingIt(string setting)
    {
        var bad = setting switch
        {
            nameof(MeshMnistOptions.Radius) => new MeshMnistOptions { Radius = 15 },
            nameof(MeshMnistOptions.Classes) => new MeshMnistOptions { Radius = 1, Classes = 10 },
            nameof(MeshMnistOptions.AmbientRiseKelvin) => new MeshMnistOptions { AmbientRiseKelvin = double.NaN },
            _ => new MeshMnistOptions { ShiftPixels = -1 },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(bad.Validate);
        Assert.Equal(setting, ex.ParamName);
    }

    [Fact]
    public void Report_OfASweep_PrintsTheGrid_TheChoice_AndTheChosenNetworksTable()
    {
        var chosen = new MeshMnistResult("mnist-subset", 64, 2, new SplitSizes(1800, 200, 500), 5, 0.9, 0.88, 0.87, 1.383e-7, []);
        MeshMnistGainPoint[] grid = [.. MeshMnist.SweepPhaseGains.SelectMany(g => MeshMnist.SweepOutputGains.Select(k => new MeshMnistGainPoint(g, k, g == 0.2 && k == 12 ? 0.9 : 0.5)))];
        var report = new MeshMnistSweepResult(new MeshMnistSweep(grid, chosen)).Report();
        var tables = report.Blocks.OfType<ReportTable>().ToList();
        Assert.Equal(2, tables.Count);
        Assert.StartsWith("validation accuracy (200 held-out", tables[0].Title, StringComparison.Ordinal);
        Assert.Equal(["phase gain, rad per unit power", "output gain 2", "output gain 5", "output gain 12"], tables[0].Columns);
        Assert.Equal(3, tables[0].Rows.Count);
        Assert.Contains(report.Blocks.OfType<ReportLine>(), l => l.Text == "chosen on validation: phase gain 0.2, output gain 12; its test split read once:");
        Assert.Equal(["90.00%", "88.00%", "87.00%", "138.30 nJ", "0.00 pJ"], tables[1].Rows[0].Select(c => c.Replace(" %", "%", StringComparison.Ordinal)));
        Assert.Same(chosen, new MeshMnistReproResult(chosen).Json());
    }

    [Fact]
    public void Report_PrintsTheIdealFabricatedAndCalibratedRows()
    {
        MeshMnistChipRow[] chips = [new("ideal", 0.89, 1, 0), new("fabricated", 0.18, 0.1762, 0), new("calibrated", 0.83, 0.8793, 49152, 80.08e-6), new("calibrated, +10 K", 0.828, 0.8767, 49152, 80.08e-6)];
        var r = new MeshMnistResult("mnist-subset", 64, 2, new SplitSizes(2000, 800, 500), 5, 0.9, 0.88, 0.89, 1.383e-7, [], chips);
        var tables = new MeshMnistReproResult(r).Report().Blocks.OfType<ReportTable>().ToList();
        Assert.Equal(2, tables.Count);
        Assert.Equal(["meshes", "test accuracy", "mean mesh fidelity (up to output phases)", "calibration readings", "calibration device time"], tables[1].Columns);
        Assert.Equal(["ideal (the design)", "fabricated, programmed with the trained phases", "fabricated, after MeshCalibration (offsets, couplers, crosstalk kernel fitted)",
            "the calibrated chip at +10 K ambient (phases drift through the arms' path imbalance)"], tables[1].Rows.Select(row => row[0]));
        Assert.Equal(["83.00%", "0.8793", "49,152", "80.08 µs"], tables[1].Rows[2].Skip(1).Select(c => c.Replace(" %", "%", StringComparison.Ordinal)));
    }
}
