using PnnKit.Core.Data;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn data list | info NAME | fetch NAME --to DIR [--mirror URL].</summary>
internal static class DataCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "data", ["data-dir", "to", "mirror"], ["json"]);
        string sub = args.Positionals.FirstOrDefault() ?? throw new UsageException("pnn data: give list, info NAME or fetch NAME --to DIR.");
        // Each subcommand takes only the options it reads: --data-dir with list, or --json with fetch, would change nothing.
        string[]? allowed = sub switch { "list" => ["json"], "info" => ["data-dir", "json"], "fetch" => ["to", "mirror"], _ => null };
        if (allowed is not null)
        {
            args.AllowOnly($"data {sub}", allowed);
        }
        return sub switch
        {
            "list" when args.Positionals.Count == 1 => List(args.Flag("json")),
            "list" => throw new UsageException($"pnn data list: unexpected argument '{args.Positionals[1]}'."),
            "info" => Info(Name(args), args.Value("data-dir"), args.Flag("json")),
            "fetch" => Fetch(Name(args), args.Require("to"), args.Value("mirror")),
            _ => throw new UsageException($"pnn data: unknown subcommand '{sub}'; use list, info or fetch."),
        };
    }

    private static string Name(CliArgs args) =>
        args.Positionals.Count == 2 ? args.Positionals[1] : throw new UsageException($"pnn data {args.Positionals[0]}: give one data set name ({string.Join(", ", DataCatalog.Names)}).");

    private static int List(bool json)
    {
        if (json)
        {
            Output.Json(DataCatalog.Sets);
            return 0;
        }
        var table = new Table().AddColumn("name").AddColumn("features").AddColumn("classes").AddColumn("needs --data-dir").AddColumn("description");
        foreach (var s in DataCatalog.Sets)
        {
            table.AddRow(s.Name, $"{s.FeatureCount}", $"{s.ClassCount}", s.NeedsDataDirectory ? "yes" : "no", Markup.Escape(s.Description));
        }
        AnsiConsole.Write(table);
        return 0;
    }

    private static int Info(string name, string? dataDir, bool json)
    {
        if (dataDir is not null && !DataCatalog.Describe(name).NeedsDataDirectory)
        {
            throw new UsageException($"pnn data info {name}: --data-dir does not apply: {name} is bundled (only {string.Join(", ", DataCatalog.Sets.Where(d => d.NeedsDataDirectory).Select(d => d.Name))} are read from a data directory).");
        }
        var (train, test) = DataCatalog.LoadTrainTest<float>(name, dataDir);
        var info = DataCatalog.Describe(name);
        var counts = Enumerable.Range(0, train.ClassCount).Select(k => train.Labels!.Count(y => y == k)).ToArray();
        if (json)
        {
            Output.Json(new { info.Name, info.Description, Train = train.Count, Test = test.Count, info.FeatureCount, info.ClassCount, TrainClassCounts = counts });
            return 0;
        }
        Console.WriteLine($"{info.Name}: {info.Description}");
        Console.WriteLine($"  {train.Count} train / {test.Count} test examples, {info.FeatureCount} features, {info.ClassCount} classes");
        Console.WriteLine($"  train examples per class: {string.Join(", ", counts)}");
        return 0;
    }

    private static int Fetch(string name, string to, string? mirror)
    {
        using var downloader = new Downloader();
        var options = new DownloadOptions { BaseUrl = mirror, Log = line => Console.Error.WriteLine(line) };
        string dir = downloader.FetchAsync(name, to, options).GetAwaiter().GetResult();
        Console.WriteLine($"{name}: verified files in {dir}");
        return 0;
    }
}
