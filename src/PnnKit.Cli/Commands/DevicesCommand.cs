using PnnKit.Bench.Devices;
using PnnKit.Core.Physical;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn devices list | show NAME [--json]: the device presets (physical defaults with units and sources).</summary>
internal static class DevicesCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "devices", [], ["json"]);
        string sub = args.Positionals.FirstOrDefault() ?? throw new UsageException("pnn devices: give list or show NAME.");
        bool json = args.Flag("json");
        return sub switch
        {
            "list" when args.Positionals.Count == 1 => List(json),
            "list" => throw new UsageException($"pnn devices list: unexpected argument '{args.Positionals[1]}'."),
            "show" when args.Positionals.Count == 2 => Show(args.Positionals[1], json),
            "show" => throw new UsageException($"pnn devices show: give one preset name ({string.Join(", ", DevicePresetRegistry.Names)})."),
            _ => throw new UsageException($"pnn devices: unknown subcommand '{sub}'; use list or show NAME."),
        };
    }

    private static int List(bool json)
    {
        if (json)
        {
            Output.Json(DevicePresetRegistry.All.Select(p => new { p.Name, p.Substrate, p.Device, p.Summary, p.Source }));
            return 0;
        }
        var table = new Table().AddColumn("name").AddColumn("substrate").AddColumn("device").AddColumn("summary").AddColumn("source");
        foreach (var p in DevicePresetRegistry.All)
        {
            table.AddRow(Markup.Escape(p.Name), p.Substrate, Markup.Escape(p.Device), Markup.Escape(p.Summary), Markup.Escape(p.Source));
        }
        AnsiConsole.Write(table);
        return 0;
    }

    private static int Show(string name, bool json)
    {
        DevicePreset p = DevicePresetRegistry.Find(name)
            ?? throw new UsageException($"pnn devices show: no device preset '{name}'; presets: {string.Join(", ", DevicePresetRegistry.Names)}.");
        if (json)
        {
            Output.Json(new { p.Name, p.Substrate, p.Device, p.Summary, p.Source, p.Parameters });
            return 0;
        }
        Console.WriteLine($"{p.Name}: {p.Device} ({p.Substrate}): {p.Summary}");
        Console.WriteLine($"  source: {p.Source}");
        var table = new Table().AddColumn("parameter").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit").AddColumn("source");
        foreach (var q in p.Parameters)
        {
            table.AddRow(Markup.Escape(q.Name), q.Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(q.Unit), Markup.Escape(q.Source));
        }
        AnsiConsole.Write(table);
        return 0;
    }
}
