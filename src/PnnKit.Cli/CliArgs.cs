using System.Globalization;

namespace PnnKit.Cli;

/// <summary>
/// Command-line arguments of one command: positionals and --options (with a value, or flags).
/// Unknown options and missing values are usage errors (exit code 2) naming the option.
/// </summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public CliArgs(IEnumerable<string> args, string command, string[] valueOptions, string[] flags)
    {
        Command = command;
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            string a = list[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                Positionals.Add(a);
                continue;
            }
            string name = a[2..];
            string? inline = null;
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }
            if (flags.Contains(name, StringComparer.Ordinal))
            {
                _options[name] = null;
            }
            else if (valueOptions.Contains(name, StringComparer.Ordinal))
            {
                string? value = inline ?? (i + 1 < list.Count ? list[++i] : null);
                _options[name] = value ?? throw new UsageException($"pnn {command}: --{name} needs a value.");
            }
            else
            {
                var all = valueOptions.Select(o => $"--{o} VALUE").Concat(flags.Select(f => $"--{f}"));
                throw new UsageException($"pnn {command}: unknown option --{name}; allowed: {string.Join(", ", all)}.");
            }
        }
    }

    public string Command { get; }

    public List<string> Positionals { get; } = [];

    public bool Flag(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.TryGetValue(name, out var v) ? v : null;

    public string Require(string name) => Value(name) ?? throw new UsageException($"pnn {Command}: --{name} is required.");

    public int Int(string name, int fallback, int min, int max)
    {
        string? v = Value(name);
        if (v is null)
        {
            return fallback;
        }
        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new UsageException($"pnn {Command}: --{name} must be an integer in [{min}, {max}], got '{v}'.");
    }
}

/// <summary>A command line that cannot be run as given.</summary>
internal sealed class UsageException : Exception
{
    public UsageException() { }

    public UsageException(string message) : base(message) { }

    public UsageException(string message, Exception inner) : base(message, inner) { }
}
