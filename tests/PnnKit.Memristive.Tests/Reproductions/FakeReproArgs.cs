using System.Globalization;
using PnnKit.Core.Reproductions;

namespace PnnKit.Memristive.Tests.Reproductions;

/// <summary>The options of a reproduction run from a test: flags and values by name, as the CLI would pass them.</summary>
internal sealed class FakeReproArgs(params string[] argv) : IReproArgs
{
    public bool Flag(string name) => argv.Contains("--" + name);

    public string? Value(string name)
    {
        int i = Array.IndexOf(argv, "--" + name);
        return i >= 0 && i + 1 < argv.Length ? argv[i + 1] : null;
    }

    public int Int(string name, int fallback, int min, int max) =>
        Value(name) is { } v ? Math.Clamp(int.Parse(v, CultureInfo.InvariantCulture), min, max) : fallback;
}
