using PnnKit.Cli.Config;
using PnnKit.Cli.Runs;
using PnnKit.Core.IO;
using PnnKit.Interop;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>
/// pnn convert MODEL.onnx --to memristive|photonic|digital [--config FILE.yaml] [--data NAME] [--name NAME] [--runs-dir DIR] [--json]:
/// maps every Linear and Conv2d of an ONNX model onto the substrate with its periphery and writes a run directory
/// (the file copied in, config.yaml, the weights as checkpoint.bin) that pnn eval and pnn robustness read like a trained run.
/// </summary>
internal static class ConvertCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "convert", ["to", "config", "data", "name", "runs-dir"], ["json"]);
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("pnn convert: give one ONNX file and --to memristive|photonic|digital, e.g. pnn convert lenet.onnx --to memristive --data mnist-subset.");
        }
        string source = args.Positionals[0];
        string to = args.Require("to");
        if (!ExperimentConfig.Substrates.Contains(to, StringComparer.Ordinal))
        {
            throw new UsageException($"pnn convert: --to {to} is not one of {string.Join(", ", ExperimentConfig.Substrates)}.");
        }
        // The file is read before anything is written, so a bad model leaves no run directory behind.
        var imported = OnnxImporter.Load(source);
        // --config: the data, training and device keys (model.substrate, if given, must agree with --to).
        var basis = args.Value("config") is string file ? ExperimentConfig.Load(file, source) : new ExperimentConfig();
        if (args.Value("config") is not null && basis.Substrate != "digital" && basis.Substrate != to)
        {
            throw new UsageException($"pnn convert: --to {to} but {args.Value("config")} sets model.substrate: {basis.Substrate}.");
        }
        string name = args.Value("name") ?? $"{Path.GetFileNameWithoutExtension(source)}-{to}";
        var config = basis with
        {
            Name = name,
            Model = "onnx",
            Substrate = to,
            Data = args.Value("data") ?? basis.Data,
            OnnxFile = Path.GetFullPath(source),
        };
        var data = ExperimentData.Load(config);
        // The model must fit the data (features in, classes out) before a run directory exists.
        var model = ModelFactory.Model(config, data.Train.FeatureCount, data.Outputs);
        var run = RunDirectory.Create(args.Value("runs-dir") ?? "runs", config);
        // The run keeps its own copy of the model, so that it stays readable when the original moves.
        string copy = Path.GetFullPath(Path.Combine(run.Path, "model.onnx"));
        File.Copy(source, copy);
        config = config with { OnnxFile = copy };
        AtomicFile.WriteAllText(run.ConfigFile, config.ToYaml());
        var result = Experiment.Convert(config, run, data, model);
        if (args.Flag("json"))
        {
            Output.Json(new { Imported = new { imported.Path, imported.Producer, imported.Opset, imported.InputShape, imported.OpCounts, imported.Notes }, Result = result });
            return 0;
        }
        AnsiConsole.MarkupLine(Markup.Escape($"{source} ({imported.Producer}, opset {imported.Opset}) on {to}: {run.Path}"));
        Output.Result(result);
        return 0;
    }
}
