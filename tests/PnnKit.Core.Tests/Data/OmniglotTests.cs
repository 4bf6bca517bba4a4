using System.IO.Compression;
using System.Security.Cryptography;
using PnnKit.Core.Data;
using PnnKit.Tests.Fixtures;

namespace PnnKit.Core.Tests.Data;

/// <summary>
/// Omniglot on a tiny generated fixture: two zips laid out as images_background.zip / images_evaluation.zip (ALPHABET/CHARACTER/*.png,
/// 1-bit grayscale PNGs, black ink on white), served from 127.0.0.1, fetched with their MD5s, extracted and loaded.
/// </summary>
public sealed class OmniglotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-omniglot-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

#pragma warning disable CA5351 // the fixture's MD5, as the published Omniglot archives carry MD5s
    private static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351

    /// <summary>A zip of <paramref name="part"/>/ALPHABET/CHARACTER/NN.png: each character's drawings ink its own column band.</summary>
    private static byte[] Zip(string part, IEnumerable<(string Alphabet, string Character, int Band)> characters, int drawings)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (alphabet, character, band) in characters)
            {
                for (int d = 0; d < drawings; d++)
                {
                    var entry = zip.CreateEntry($"{part}/{alphabet}/{character}/{d:D2}.png");
                    using var s = entry.Open();
                    s.Write(PngFixture.Png1Bit(16, 16, (x, y) => x / 4 == band && y >= d));
                }
            }
        }
        return ms.ToArray();
    }

    [Fact]
    public async Task Fetch_WithMatchingMd5s_DownloadsVerifiesExtracts_AndLoadsEveryCharacterAsAClass()
    {
        var background = Zip("images_background", [("Alpha", "character01", 0), ("Alpha", "character02", 1), ("Beta", "character01", 2)], 4);
        var evaluation = Zip("images_evaluation", [("Gamma", "character01", 3)], 4);
        // The fixture is not the real archive, so the set gets the fixture's MD5s (as the other fetch tests do), served from 127.0.0.1.
        var set = RemoteDataset.Omniglot with { Files = [new("images_background.zip", Md5(background), ChecksumKind.Md5), new("images_evaluation.zip", Md5(evaluation), ChecksumKind.Md5)] };
        using var server = new LoopbackHttpServer(new() { ["images_background.zip"] = background, ["images_evaluation.zip"] = evaluation });
        using var dl = new Downloader(_http);
        var log = new List<string>();
        await dl.FetchAsync(set, _dir, new DownloadOptions { BaseUrl = server.BaseUrl, Log = log.Add });
        Assert.Contains(log, l => l.Contains("MD5 verified", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_dir, "images_background", "Beta", "character01", "03.png")));

        var (train, test) = OmniglotImages.Load<float>(_dir, side: 4, trainPerClass: 3);
        Assert.Equal(4, train.ClassCount);
        Assert.Equal(4 * 3, train.Count);
        Assert.Equal(4, test.Count);
        Assert.Equal(16, train.FeatureCount);
        // Classes: Alpha/character01, Alpha/character02, Beta/character01 (background), then Gamma/character01 (evaluation).
        Assert.Equal([0, 1, 2, 3], test.Labels!);
        // Downsampled 16 → 4 by area: drawing 0 of class k inks all of column k (ink = 1), nothing else.
        var first = train.Features.Row(0).ToArray();
        Assert.Equal([1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f], first);
        // The test drawing of class 3 (drawing 3) starts inking at row 3: column 3 of the top 4×4 cell is 1/4 inked.
        Assert.Equal(0.25f, test.Features.Row(3)[3], 1e-6f);
        Assert.Equal(1f, test.Features.Row(3)[7], 1e-6f);
    }

    [Fact]
    public void KnownOmniglot_IsTorchvisionsTwoArchives_WithTheirMd5s()
    {
        var set = RemoteDataset.Get("omniglot");
        Assert.Equal(["images_background.zip", "images_evaluation.zip"], set.Files.Select(f => f.FileName));
        Assert.Equal(["68d2efa1b9178cc56df9314c21c6e718", "6b91aef0f799c5bb55b94e3f2daec811"], set.Files.Select(f => f.Checksum));
    }

    [Fact]
    public void Load_WithoutTheFolders_SaysHowToFetchThem()
    {
        var e = Assert.Throws<DataFormatException>(() => OmniglotImages.Load<float>(_dir));
        Assert.Contains("pnn data fetch omniglot --to", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => OmniglotImages.Load<float>(_dir, side: 0));
    }
}
