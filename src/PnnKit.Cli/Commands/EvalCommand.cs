using PnnKit.Cli.Runs;

namespace PnnKit.Cli.Commands;

/// <summary>pnn eval RUNDIR: evaluates the run's checkpoint on its test split.</summary>
internal static class EvalCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "eval", [], ["json"]);
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("pnn eval: give one run directory, e.g. pnn eval runs/mnist-mlp.");
        }
        var result = Experiment.Evaluate(RunDirectory.Open(args.Positionals[0]));
        if (args.Flag("json"))
        {
            Output.Json(result);
        }
        else
        {
            Output.Result(result);
        }
        return 0;
    }
}
