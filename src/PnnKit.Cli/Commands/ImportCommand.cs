using PnnKit.Core.Layers;
using PnnKit.Interop;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn import MODEL.onnx [--out FILE.onnx] [--json]: reads an ONNX model into PnnKit layers and lists them; --out writes them back out.</summary>
internal static class ImportCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "import", ["out"], ["json"]);
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("pnn import: give one ONNX file, e.g. pnn import model.onnx.");
        }
        var m = OnnxImporter.Load(args.Positionals[0]);
        string? output = args.Value("out");
        if (output is not null)
        {
            OnnxExporter.Save(m.Model, m.InputShape, output);
        }
        var layers = Flatten(m.Model, "").ToList();
        if (args.Flag("json"))
        {
            Output.Json(new
            {
                m.Path,
                m.Producer,
                m.Opset,
                m.InputName,
                m.InputShape,
                m.OutputName,
                m.OpCounts,
                m.Notes,
                Parameters = m.Model.Parameters.Sum(p => (long)p.Value.Length),
                Layers = layers.Select(l => new { l.Path, l.Kind, l.Parameters }),
                Exported = output,
            });
            return 0;
        }
        var t = new Table().Title(Markup.Escape($"{m.Path}: {m.Producer}, opset {m.Opset}; input '{m.InputName}' [N, {string.Join(", ", m.InputShape)}]"))
            .AddColumn("layer").AddColumn("kind").AddColumn(new TableColumn("parameters").RightAligned());
        foreach (var (path, kind, parameters) in layers)
        {
            t.AddRow(Markup.Escape(path), Markup.Escape(kind), parameters == 0 ? "" : $"{parameters:N0}");
        }
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine(Markup.Escape($"{m.Model.Parameters.Sum(p => (long)p.Value.Length):N0} parameters; nodes: {string.Join(", ", m.OpCounts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}"));
        foreach (string note in m.Notes)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"  {note}"));
        }
        if (output is not null)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"wrote {output} (opset {OnnxExporter.Opset})"));
        }
        return 0;
    }

    /// <summary>Every leaf layer with its path through containers (e.g. "4/main/1") and its parameter count.</summary>
    private static IEnumerable<(string Path, string Kind, long Parameters)> Flatten(ILayer<float> layer, string path)
    {
        switch (layer)
        {
            case Sequential<float> s:
                for (int i = 0; i < s.Layers.Count; i++)
                {
                    foreach (var row in Flatten(s.Layers[i], path.Length == 0 ? $"{i}" : $"{path}/{i}"))
                    {
                        yield return row;
                    }
                }
                break;
            case Residual<float> r:
                yield return (path, $"residual ({r.Name})", 0);
                foreach (var row in Flatten(r.Main, $"{path}/main"))
                {
                    yield return row;
                }
                if (r.Shortcut is not null)
                {
                    foreach (var row in Flatten(r.Shortcut, $"{path}/shortcut"))
                    {
                        yield return row;
                    }
                }
                break;
            default:
                yield return (path, Describe(layer), layer.Parameters.Sum(p => (long)p.Value.Length));
                break;
        }
    }

    private static string Describe(ILayer<float> layer) => layer switch
    {
        Conv2d<float> c => $"conv {c.InChannels}→{c.OutChannels}, {c.KernelH}×{c.KernelW}, stride {c.StrideH}×{c.StrideW}, pads [{c.PadTop}, {c.PadLeft}, {c.PadBottom}, {c.PadRight}]{(c.DilationH * c.DilationW > 1 ? $", dilation {c.DilationH}×{c.DilationW}" : "")}",
        Linear<float> l => $"linear {l.Inputs}→{l.Outputs}{(l.Bias is null ? ", no bias" : "")}",
        MaxPool2d<float> p => $"max pool {p.KernelH}×{p.KernelW}, stride {p.StrideH}×{p.StrideW}",
        AvgPool2d<float> p => $"average pool {p.KernelH}×{p.KernelW}, stride {p.StrideH}×{p.StrideW}",
        BatchNorm2d<float> b => $"batch norm, {b.Scale.Value.Length} channels",
        _ => layer.Name,
    };
}
