using System.Globalization;

namespace PnnKit.Core.Reproductions;

/// <summary>
/// Options of a reproduction given in code rather than on the command line (a test, a notebook, the suite):
/// name → value, null for a flag. Values are checked like the CLI's: out of range or not an integer throws.
/// </summary>
public sealed class ReproArgs : IReproArgs
{
    private readonly Dictionary<string, string?> _options;

    /// <summary>The options given; e.g. <c>new ReproArgs(("quick", null), ("seed", "3"))</c>.</summary>
    public ReproArgs(params (string Name, string? Value)[] options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public bool Flag(string name) => _options.ContainsKey(name);

    /// <inheritdoc/>
    public string? Value(string name) => _options.GetValueOrDefault(name);

    /// <inheritdoc/>
#pragma warning disable CA1720 // IReproArgs.Int, the CLI's name
    public int Int(string name, int fallback, int min, int max)
    {
        if (_options.GetValueOrDefault(name) is not { } text)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max
            ? v
            : throw new ArgumentOutOfRangeException(name, $"--{name} must be an integer in {min}..{max}; got '{text}'.");
    }
#pragma warning restore CA1720
}
