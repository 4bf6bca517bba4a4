using System.Text.Json;
using System.Text.RegularExpressions;
using PnnKit.Bench.Reproductions;
using PnnKit.Cli.Commands;

namespace PnnKit.Cli.Tests;

/// <summary>The one registry of reproductions: what `pnn repro` lists, runs and the README names.</summary>
public sealed partial class ReproRegistryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-registry-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EveryReproduction_IsRegistered_WithItsPaperOptionsAndQuickRun()
    {
        var all = ReproductionRegistry.All;
        // Nothing runs outside the registry: the command's table is the registry's.
        Assert.Equal(all.Select(r => r.Name), ReproCommand.Names);
        Assert.Equal(all.Count, all.Select(r => r.Name).Distinct().Count());
        foreach (var r in all)
        {
            Assert.Matches(KebabCase(), r.Name);
            Assert.False(string.IsNullOrWhiteSpace(r.Summary), r.Name);
            Assert.Equal(r.Options.Count, r.Options.Select(o => o.Name).Distinct().Count());
            // A --quick option iff the reproduction says what it reduces.
            Assert.True(r.Options.Any(o => o.Name == "quick") == (r.Quick is not null), r.Name);
            Assert.All(r.Papers, p => Assert.InRange(p.Year, 1950, 2030));
            // One option name is a flag or takes a value, the same in every reproduction (the parser is shared).
            Assert.All(r.Options, o => Assert.All(all.SelectMany(x => x.Options).Where(x => x.Name == o.Name), x => Assert.Equal(o.IsFlag, x.IsFlag)));
        }
    }

    [Fact]
    public void ReadmeReproductionList_IsTheRegistry_InOrder_WithEachSummary()
    {
        var entries = ReadmeEntries();
        Assert.Equal(ReproductionRegistry.All.Select(r => r.Name), entries.Select(e => e.Name));
        foreach (var (r, e) in ReproductionRegistry.All.Zip(entries))
        {
            Assert.Contains(r.Summary, e.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Repro_WithoutAName_ListsTheRegistry()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(ReproductionRegistry.All.Select(r => r.Name), doc.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        (code, stdout, err) = Pnn.Run(_dir, "repro");
        Assert.True(code == 0, err);
        Assert.Contains("mesh-calibration", stdout, StringComparison.Ordinal);
    }

    /// <summary>The README's `pnn repro NAME  what it does` lines (continuation lines joined), in order.</summary>
    private static List<(string Name, string Text)> ReadmeEntries()
    {
        string dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "PnnKit.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("PnnKit.sln not found above the test binaries");
        }
        var entries = new List<(string Name, string Text)>();
        bool inList = false;
        foreach (string line in File.ReadLines(Path.Combine(dir, "README.md")))
        {
            var m = Entry().Match(line);
            if (m.Success)
            {
                entries.Add((m.Groups[1].Value, m.Groups[2].Value.Trim()));
                inList = true;
            }
            else if (inList && Continuation().IsMatch(line))
            {
                entries[^1] = (entries[^1].Name, entries[^1].Text + " " + line.Trim());
            }
            else
            {
                inList = false;
            }
        }
        // The command list block names each reproduction once; later examples (`--device ...`) repeat some.
        return [.. entries.DistinctBy(e => e.Name)];
    }

    [GeneratedRegex(@"^    pnn repro ([a-z0-9-]+)\s+(?:\[[^\]]*\]\s*)*(\S.*)$")]
    private static partial Regex Entry();

    [GeneratedRegex(@"^ {20,}\S")]
    private static partial Regex Continuation();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
