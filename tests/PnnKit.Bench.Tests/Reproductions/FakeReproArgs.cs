using System.Globalization;
using PnnKit.Core.Reproductions;

namespace PnnKit.Bench.Tests.Reproductions;

/// <summary>Options as <c>pnn repro NAME</c> would pass them: flags, and values by name.</summary>
internal sealed class FakeReproArgs(string[] flags, Dictionary<string, string>? values = null) : IReproArgs
{
    private readonly Dictionary<string, string> _values = values ?? [];

    public bool Flag(string name) => flags.Contains(name);

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback, int min, int max) =>
        _values.TryGetValue(name, out string? v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}

/// <summary>A served chip that is never measured: it only counts that it was asked for its summary and disposed.</summary>
internal sealed class UnusedChip : IServedChip
{
    public bool Disposed { get; private set; }

    public PnnKit.Core.Physical.IGradientSystem<double> Mesh(int layer) => throw new InvalidOperationException("the chip was measured");

    public string Summary() => "unused chip";

    public void Dispose() => Disposed = true;
}
