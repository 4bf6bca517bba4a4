using PnnKit.Cli.Config;
using PnnKit.Cli.Runs;
using PnnKit.Core.Training;
using PnnKit.Interop;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn export RUNDIR --out FILE.onnx: writes a trained digital run (its checkpoint) as an ONNX model.</summary>
internal static class ExportCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "export", ["out"], []);
        if (args.Positionals.Count != 1 || args.Value("out") is not string output)
        {
            throw new UsageException("pnn export: give one run directory and --out FILE.onnx, e.g. pnn export runs/mnist-mlp --out mnist-mlp.onnx.");
        }
        var run = RunDirectory.Open(args.Positionals[0]);
        var config = ExperimentConfig.Load(run.ConfigFile);
        if (config.Substrate != "digital")
        {
            throw new UsageException($"pnn export: {run.Path} is a {config.Substrate} run; ONNX holds digital models only (export the digital design, then pnn convert it).");
        }
        if (!File.Exists(run.CheckpointFile))
        {
            throw new ConfigException($"{run.Path}: no checkpoint.bin yet; train the run first.");
        }
        var splits = ExperimentData.Load(config);
        var model = ModelFactory.Model(config, splits.Train.FeatureCount, splits.Outputs);
        Checkpoint.Load(run.CheckpointFile, model, ModelFactory.Optimizer(config, model.Parameters));
        OnnxExporter.Save(model, [splits.Train.FeatureCount], output, config.Name);
        AnsiConsole.MarkupLine(Markup.Escape($"wrote {output}: {config.Name}, input [N, {splits.Train.FeatureCount}], {model.Parameters.Sum(p => (long)p.Value.Length):N0} parameters, opset {OnnxExporter.Opset}"));
        return 0;
    }
}
