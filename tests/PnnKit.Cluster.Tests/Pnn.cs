using System.Diagnostics;

namespace PnnKit.Cluster.Tests;

/// <summary>Runs the real `pnn` executable (built next to the tests) as a child process.</summary>
internal static class Pnn
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "pnn.dll");

    public static Process Start(string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["NO_COLOR"] = "1";
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start pnn");
    }

    public static (int Code, string Out, string Err) Run(string workDir, params string[] args)
    {
        using var p = Start(workDir, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"pnn {string.Join(' ', args)} did not finish in 3 minutes; stderr so far: {stderr}");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Trains a small memristive MLP (as tests/PnnKit.Cli.Tests' robustness tests) into DIR/runs/NAME; returns that path.</summary>
    public static string TrainMemristive(string dir, string name, string data = "iris", int hidden = 16, int epochs = 60)
    {
        File.WriteAllText(Path.Combine(dir, name + ".yaml"),
            $"name: {name}\ndata:\n  name: {data}\nmodel:\n  substrate: memristive\n  training_noise: 1.0\n  hidden: [{hidden}]\ntraining:\n  epochs: {epochs}\n  batch_size: 16\n  learning_rate: 0.01\n");
        var (code, _, err) = Run(dir, "train", "--config", name + ".yaml", "--json");
        Assert.True(code == 0, err);
        return Path.Combine(dir, "runs", name);
    }
}
