using System.Globalization;
using PnnKit.Core.Reproductions;

namespace PnnKit.Spintronics.Tests.Reproductions;

/// <summary>The options of a reproduction run through its contract, without the CLI: name → value (null for a flag).</summary>
internal sealed class FakeReproArgs(Dictionary<string, string?> options) : IReproArgs
{
    public FakeReproArgs()
        : this(new Dictionary<string, string?>())
    {
    }

    public bool Flag(string name) => options.ContainsKey(name);

    public string? Value(string name) => options.GetValueOrDefault(name);

    public int Int(string name, int fallback, int min, int max) =>
        options.GetValueOrDefault(name) is { } v ? Math.Clamp(int.Parse(v, CultureInfo.InvariantCulture), min, max) : fallback;
}
