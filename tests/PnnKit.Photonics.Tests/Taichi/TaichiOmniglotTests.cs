using PnnKit.Core.Reproductions;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Reproductions;
using PnnKit.Tests.Fixtures;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests.Taichi;

/// <summary>
/// Taichi on a fetched Omniglot, laid out as `pnn data fetch omniglot` leaves it (DIR/omniglot/images_background/ALPHABET/
/// CHARACTER/NN.png, 105×105 1-bit PNGs): a generated stand-in of 24 characters, each a cross of its own column and row
/// band, 20 drawers shifting it by up to a pixel. 24 classes on 16 modes take a last chiplet of two meshes.
/// </summary>
public sealed class TaichiOmniglotTests(ITestOutputHelper output) : IDisposable
{
    private const int Characters = 24, Drawers = 20;
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-taichi-omniglot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void WriteFixture()
    {
        for (int c = 0; c < Characters; c++)
        {
            string folder = Path.Combine(_dir, "omniglot", "images_background", $"Alphabet_{c / 12}", $"character{c % 12 + 1:D2}");
            Directory.CreateDirectory(folder);
            int column = c % 6, row = c / 6;
            for (int d = 0; d < Drawers; d++)
            {
                int dx = (d % 3) - 1, dy = (d / 3 % 3) - 1;
                File.WriteAllBytes(Path.Combine(folder, $"{c:D4}_{d + 1:D2}.png"), PngFixture.Png1Bit(105, 105, (x, y) =>
                    ((x - (4 * dx)) / 17 == column && y > 10 && y < 95) || ((y - (4 * dy)) / 26 == row && x > 10 && x < 95)));
            }
        }
    }

    [Fact]
    public void FetchedOmniglot_TrainsOneClassPerCharacter_OnABankedLastChiplet_AndRecalibrationRecoversFabricatedCopies()
    {
        WriteFixture();
        var options = new TaichiOptions { Dataset = "omniglot", DataDirectory = _dir, BlocksPerSide = [1], Epochs = 6, ScalingRows = 2, Instances = 2 };
        var r = TaichiReproduction.RunSweep(options);
        var t = Assert.Single(r.Trained);
        var f = Assert.Single(r.Fabricated);
        output.WriteLine($"test {t.TestAccuracy:P2}, validation {t.ValidationAccuracy:P2}; copies {string.Join(", ", f.Uncalibrated.Select(a => a.ToString("P2")))} uncalibrated, {string.Join(", ", f.Recalibrated.Select(a => a.ToString("P2")))} recalibrated");
        Assert.Equal(("omniglot", (string?)null), (r.Dataset, r.DatasetNote));
        // 15 drawers of each character train (a tenth of them held out for validation, stratified), 5 test.
        Assert.Equal(new Core.Data.SplitSizes(324, 36, 120), r.Splits);
        // One block of 16 apertures: 24 classes need ⌈24 / 16⌉ = 2 meshes in the last chiplet.
        Assert.Equal((16, 2), (t.Modes, t.OutputUnits));
        Assert.Equal((2 * 56 * 56) + (3 * 16 * 16), t.Counts.Parameters);
        Assert.Equal(t.Estimate.SystemJoules, t.SystemJoules, t.SystemJoules * 1e-9);
        // Chance is 1/24 = 4.2 %: the characters are learnt, 88.33 % today (± 8 points, 120 test drawings).
        Assert.Equal(0.8833, t.TestAccuracy, 0.08);
        // Two fabricated copies with the typical MZI errors (thermal kernel included): 24.6 % as fabricated, 87.5 % once each
        // mesh is recalibrated with the kernel's strength fitted (today, ± 8 points); the design reads 88.33 %.
        Assert.Equal(0.246, f.Uncalibrated.Average(), 0.08);
        Assert.Equal(0.875, f.Recalibrated.Average(), 0.08);

        var table = new TaichiReproResult(r).Report().Blocks.OfType<ReportTable>().ToList();
        Assert.Contains(table[0].Rows, row => row[2].StartsWith("omniglot, 1 blocks chosen on validation, last chiplet 2 meshes of 16 modes", StringComparison.Ordinal));
        Assert.Contains(table, t => t.Title.StartsWith("Fabricated copies", StringComparison.Ordinal));
    }
}
