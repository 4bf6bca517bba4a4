using System.Diagnostics;

namespace PnnKit.Bench.Tests.Report;

/// <summary>Headless Chromium (Debian's <c>chromium</c>), found on PATH; null when not installed.</summary>
internal static class Chromium
{
    public static string? Executable { get; } = Find();

    private static string? Find()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in new[] { "chromium", "chromium-browser" })
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>Runs headless Chromium with <paramref name="args"/>; returns its standard output.</summary>
    public static string Run(params string[] args)
    {
        var psi = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("chromium is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in (string[])["--headless", "--disable-gpu", "--no-first-run", "--hide-scrollbars", .. Environment.UserName == "root" ? ["--no-sandbox"] : Array.Empty<string>(), .. args])
        {
            psi.ArgumentList.Add(a);
        }
        // A private profile: no clash with another Chromium, nothing left in the user's home.
        string profile = Directory.CreateTempSubdirectory("pnnkit-chromium-").FullName;
        psi.ArgumentList.Add($"--user-data-dir={profile}");
        try
        {
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start chromium");
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish in 2 minutes");
            }
            Assert.True(p.ExitCode == 0, $"chromium exited with {p.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}

/// <summary>A fact that needs headless Chromium; skipped only when <c>chromium</c> is not on PATH.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
        {
            Skip = "chromium is not installed (Debian package 'chromium'; .ci/run installs it)";
        }
    }
}
