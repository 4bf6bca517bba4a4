using System.Globalization;

namespace PnnKit.Cli;

/// <summary>
/// Command-line arguments of one command: positionals and --options (with a value, or flags).
/// Unknown options and missing values are usage errors (exit code 2) naming the option.
/// </summary>
internal sealed class CliArgs : PnnKit.Core.Reproductions.IReproArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

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

    /// <summary>The options given on the command line, without their dashes.</summary>
    public IReadOnlyCollection<string> Given => _options.Keys;

    public bool Flag(string name)
    {
        _read.Add(name);
        return _options.ContainsKey(name);
    }

    public string? Value(string name)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out var v) ? v : null;
    }

    /// <summary>
    /// Refuses (usage error) every given option outside <paramref name="allowed"/>, for a command whose options
    /// depend on a positional (a reproduction, a subcommand): an option that changes nothing does not exist.
    /// </summary>
    public void AllowOnly(string what, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (_options.Keys.FirstOrDefault(o => !allowed.Contains(o)) is { } extra)
        {
            string takes = allowed.Count == 0 ? "no options" : string.Join(", ", allowed.Order(StringComparer.Ordinal).Select(o => "--" + o));
            throw new UsageException($"pnn {what}: --{extra} does not apply here; it takes {takes}.");
        }
    }

    /// <summary>Refuses positional arguments beyond the first <paramref name="count"/>: a stray word would change nothing.</summary>
    public void AtMostPositionals(int count, string usage)
    {
        if (Positionals.Count > count)
        {
            throw new UsageException($"pnn {Command}: unexpected argument '{Positionals[count]}' ({usage}).");
        }
    }

    /// <summary>
    /// After a command ran: a given option it never looked at was silently ignored. That is a bug in the
    /// command's option table (exit 1), not the user's mistake.
    /// </summary>
    public void CheckAllRead(string what)
    {
        if (_options.Keys.FirstOrDefault(o => !_read.Contains(o)) is { } unread)
        {
            throw new InvalidOperationException($"pnn {what}: --{unread} was accepted but never read; fix the command's option table.");
        }
    }

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
