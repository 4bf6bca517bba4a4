using System.Diagnostics;

namespace PnnKit.Cli.Tests;

/// <summary>Runs the real `pnn` executable (built next to the tests) as a child process.</summary>
internal static class Pnn
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "pnn.dll");

    /// <summary>A path in the repository (the folder holding PnnKit.sln above the test binaries).</summary>
    public static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PnnKit.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine([dir?.FullName ?? throw new DirectoryNotFoundException("PnnKit.sln not found above the test binaries"), .. parts]);
    }

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
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"pnn {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
