using PnnKit.Cli.Config;
using PnnKit.Cli.Runs;

namespace PnnKit.Cli.Commands;

/// <summary>
/// pnn eval RUNDIR: evaluates the run's checkpoint on its test split, with the per-inference cost
/// report; calibration is amortised over a stated deployment (--rate inferences/s for --lifetime).
/// </summary>
internal static class EvalCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "eval", ["rate", "lifetime", "calibrate-every"], ["json"]);
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("pnn eval: give one run directory, e.g. pnn eval runs/mnist-mlp.");
        }
        var run = RunDirectory.Open(args.Positionals[0]);
        var (deployment, amortised, excluded) = DeploymentCosts.Of(run, ExperimentConfig.Load(run.ConfigFile).Substrate,
            args.Value("rate") ?? DeploymentCosts.DefaultRate, args.Value("lifetime") ?? DeploymentCosts.DefaultLifetime,
            args.Value("calibrate-every") ?? DeploymentCosts.DefaultCalibrationInterval);
        if (args.Value("calibrate-every") is not null && amortised.Count == 0)
        {
            throw new UsageException($"pnn eval: --calibrate-every has no calibration to amortise for {run.Path} (a digital design has none; a memristive one needs pnn robustness --design {run.Path} --policies none,global first).");
        }
        var result = Experiment.Evaluate(run, deployment, amortised, excluded);
        run.WriteJson("eval.json", result); // pnn report prefers it: the deployment stated here
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
