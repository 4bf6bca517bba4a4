using System.Text.RegularExpressions;
using PnnKit.Bench.Report;
using PnnKit.Methods;
using SkiaSharp;

namespace PnnKit.Bench.Tests.Report;

public sealed partial class ReportRenderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A report with every part: a run with terms, two drift policies over three ages, a suite of two tasks.</summary>
    internal static ReportData Sample()
    {
        static AgeStatistics Age(double seconds, double mean, double spread)
        {
            double[] acc = [.. Enumerable.Range(0, 8).Select(i => mean + (spread * ((i / 7.0) - 0.5)))];
            return new AgeStatistics(seconds, acc.Average(), spread / 3, acc.Min(), acc.Min(), acc);
        }
        var run = new RunFigures("mem-iris", "memristive", "iris", 0.93, 2e-10, 3.1e-9, 4e-7, 131,
            [new("crossbar1 array", "Core", 2e-10), new("crossbar1 ADC", "Converter", 2.5e-9), new("crossbar1 DAC", "Converter", 3e-10), new("crossbar1 partial sums", "Control", 1e-10)],
            [("TOPS/W, system", "0.04")], [("host I/O", "not modelled")]);
        var robustness = new[]
        {
            new PolicyFigures("none", [Age(1, 0.92, 0.04), Age(86_400, 0.80, 0.1), Age(365 * 86_400, 0.55, 0.2)], [0, 0, 0]),
            new PolicyFigures("global", [Age(1, 0.92, 0.04), Age(86_400, 0.91, 0.05), Age(365 * 86_400, 0.88, 0.06)], [1e-8, 1e-8, 1e-8]),
        };
        var suite = new[]
        {
            new SuiteFigures("iris", "digital", 0.97, 0.97, 0.97, 0.97, 1e-9, 5e-9, 1e-7, "backprop", 0, 131),
            new SuiteFigures("iris", "memristive", 0.93, 0.9, 0.85, 0.88, 2e-10, 3.1e-9, 4e-7, "hardware-aware", 0, 131),
            new SuiteFigures("iris", "photonic", 0.9, 0.86, 0.8, null, 0, 2e-8, 1e-9, "in-situ", 4000, 48),
            new SuiteFigures("mnist-subset", "digital", 0.95, 0.95, 0.95, 0.95, 2e-7, 9e-7, 1e-5, "backprop", 0, 25_000),
            new SuiteFigures("mnist-subset", "memristive", 0.93, 0.91, 0.88, 0.9, 3e-8, 4e-7, 2e-5, "hardware-aware", 0, 25_000),
        };
        return new ReportData("PnnKit report: sample", "test", run, robustness, "8 fabricated instances", suite);
    }

    [GeneratedRegex("<img [^>]*src=\"([^\"]*)\"")]
    private static partial Regex ImageSource();

    [Fact]
    public void Html_IsSelfContained_EveryImageIsAnEmbeddedDecodablePng_AndMarkdownLinksFilesThatExist()
    {
        var doc = ReportBuilder.Build(Sample());
        var written = ReportBuilder.Write(doc, _dir);
        string html = File.ReadAllText(written[0]);
        var sources = ImageSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        // Accuracy over age, distribution over instances, energy breakdown, one Pareto front per task.
        Assert.Equal(5, sources.Count);
        foreach (string src in sources)
        {
            Assert.StartsWith("data:image/png;base64,", src, StringComparison.Ordinal);
            using var bitmap = SKBitmap.Decode(Convert.FromBase64String(src["data:image/png;base64,".Length..]));
            Assert.NotNull(bitmap);
            Assert.True(bitmap.Width > 100 && bitmap.Height > 100);
        }
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase); // nothing fetched from the network
        string md = File.ReadAllText(written[1]);
        var links = MarkdownImage().Matches(md).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(5, links.Count);
        Assert.All(links, l => Assert.True(File.Exists(Path.Combine(_dir, l)), l));
        Assert.Contains("| crossbar1 ADC | Converter |", md, StringComparison.Ordinal);
        Assert.Contains("host I/O", md, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"!\[[^\]]*\]\(([^)]+)\)")]
    private static partial Regex MarkdownImage();

    [Fact]
    public void Text_IsEscaped_InHtml()
    {
        var data = Sample() with { Title = "a <b> & \"c\"", Suite = [], Robustness = [] };
        string html = ReportBuilder.Build(data).ToHtml();
        Assert.Contains("a &lt;b&gt; &amp; &quot;c&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public void Chromium_RendersThePage_AndEveryImageLoads()
    {
        var written = ReportBuilder.Write(ReportBuilder.Build(Sample()), _dir);
        string html = File.ReadAllText(written[0]);
        int images = ImageSource().Count(html);

        // The page as a person sees it: a screenshot that is neither missing nor blank.
        string shot = Path.Combine(_dir, "screenshot.png");
        Chromium.Run($"--screenshot={shot}", "--window-size=1200,4000", new Uri(written[0]).AbsoluteUri);
        using (var bitmap = SKBitmap.Decode(shot))
        {
            Assert.NotNull(bitmap);
            var colours = new HashSet<SKColor>();
            for (int y = 0; y < bitmap.Height; y += 7)
            {
                for (int x = 0; x < bitmap.Width; x += 7)
                {
                    colours.Add(bitmap.GetPixel(x, y));
                }
            }
            Assert.True(colours.Count > 50, $"the screenshot has only {colours.Count} colours: a blank page?");
        }

        // Every <img> decoded by the browser: after load, a script writes each image's natural width into the DOM.
        string probe = Path.Combine(_dir, "probe.html");
        File.WriteAllText(probe, html.Replace("</body>",
            "<script>window.addEventListener('load', () => document.body.setAttribute('data-images', " +
            "Array.from(document.images).map(i => i.complete && i.naturalWidth > 0 ? 'ok' : 'broken').join(',')));</script></body>", StringComparison.Ordinal));
        string dom = Chromium.Run("--virtual-time-budget=5000", "--dump-dom", new Uri(probe).AbsoluteUri);
        var marks = DataImages().Match(dom);
        Assert.True(marks.Success, "the probe script did not run");
        Assert.Equal(Enumerable.Repeat("ok", images), marks.Groups[1].Value.Split(','));
    }

    [GeneratedRegex("data-images=\"([^\"]*)\"")]
    private static partial Regex DataImages();
}
