using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace PnnKit.Cli.Config;

/// <summary>
/// A strict view of one YAML mapping: typed getters with ranges and allowed values, and a check
/// that no unknown key is present. Every error names the file, line and dotted field path.
/// </summary>
internal sealed class YamlSection
{
    private readonly YamlMappingNode _node;

    public YamlSection(string file, string path, YamlMappingNode node)
    {
        File = file;
        Path = path;
        _node = node;
    }

    public string File { get; }

    public string Path { get; }

    /// <summary>Loads the root mapping of a YAML file.</summary>
    public static YamlSection Load(string file)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{file}: cannot read config ({e.Message}).", e);
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ConfigException($"{file}:{e.Start.Line}: malformed YAML: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these on some malformed input (an unclosed '[', an invalid tag):
            // found by the random-text property test in ConfigTests.
            throw new ConfigException($"{file}: malformed YAML (check brackets and quotes): {e.Message}", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigException($"{file}: the config must be a YAML mapping (key: value lines).");
        }
        return new YamlSection(file, "", root);
    }

    public string Field(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public ConfigException Error(YamlNode? node, string key, string message) =>
        new($"{File}:{(node ?? _node).Start.Line}: {Field(key)}: {message}");

    public bool Has(string key) => TryGet(key, out var n) && !IsNull(n);

    public YamlSection? Section(string key)
    {
        if (!TryGet(key, out var node) || IsNull(node))
        {
            return null;
        }
        return node is YamlMappingNode m
            ? new YamlSection(File, Field(key), m)
            : throw Error(node, key, $"must be a mapping of keys, got '{Scalar(node)}'.");
    }

    public string String(string key, string fallback, params string[] allowed)
    {
        if (!TryGet(key, out var node) || IsNull(node))
        {
            return fallback;
        }
        if (node is not YamlScalarNode s || s.Value is null)
        {
            throw Error(node, key, "must be a single value.");
        }
        if (allowed.Length > 0 && !allowed.Contains(s.Value, StringComparer.Ordinal))
        {
            throw Error(node, key, $"'{s.Value}' is not allowed; use one of: {string.Join(", ", allowed)}.");
        }
        return s.Value;
    }

    public int Int(string key, int fallback, int min, int max = int.MaxValue)
    {
        if (!TryGet(key, out var node) || IsNull(node))
        {
            return fallback;
        }
        string text = Scalar(node);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
        {
            throw Error(node, key, $"must be an integer in [{min}, {max}], got '{text}'.");
        }
        return v >= min && v <= max ? v : throw Error(node, key, $"must be in [{min}, {max}], got {v}.");
    }

    public int? OptionalInt(string key, int min, int max = int.MaxValue) => Has(key) ? Int(key, 0, min, max) : null;

    public double Double(string key, double fallback, double min, double max, bool minExclusive = false)
    {
        if (!TryGet(key, out var node) || IsNull(node))
        {
            return fallback;
        }
        string text = Scalar(node);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            throw Error(node, key, $"must be a finite number in {(minExclusive ? "(" : "[")}{min}, {max}], got '{text}'.");
        }
        bool ok = (minExclusive ? v > min : v >= min) && v <= max;
        return ok ? v : throw Error(node, key, $"must be in {(minExclusive ? "(" : "[")}{min}, {max}], got {v}.");
    }

    public bool Bool(string key, bool fallback)
    {
        if (!TryGet(key, out var node) || IsNull(node))
        {
            return fallback;
        }
        return Scalar(node) switch
        {
            "true" => true,
            "false" => false,
            var t => throw Error(node, key, $"must be true or false, got '{t}'."),
        };
    }

    public int[] IntList(string key, int[] fallback, int min, int max = int.MaxValue)
    {
        if (!TryGet(key, out var node) || IsNull(node))
        {
            return fallback;
        }
        if (node is not YamlSequenceNode seq)
        {
            throw Error(node, key, $"must be a list of integers in [{min}, {max}], e.g. [256, 128].");
        }
        var result = new int[seq.Children.Count];
        for (int i = 0; i < result.Length; i++)
        {
            string text = Scalar(seq.Children[i]);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
            {
                throw Error(seq.Children[i], $"{key}[{i}]", $"must be an integer in [{min}, {max}], got '{text}'.");
            }
            result[i] = v;
        }
        return result;
    }

    /// <summary>A list of finite numbers in [min, max], or one number standing for a one-element list.</summary>
    public double[] DoubleList(string key, double[] fallback, double min, double max)
    {
        if (!TryGet(key, out var node) || IsNull(node))
        {
            return fallback;
        }
        var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
        var result = new double[items.Count];
        for (int i = 0; i < result.Length; i++)
        {
            string text = items[i] is YamlScalarNode ? Scalar(items[i]) : "";
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v < min || v > max)
            {
                throw Error(items[i], node is YamlSequenceNode ? $"{key}[{i}]" : key, $"must be a number in [{min}, {max}] or a list of them, got '{text}'.");
            }
            result[i] = v;
        }
        return result.Length > 0 ? result : throw Error(node, key, "must not be an empty list.");
    }

    /// <summary>Throws on the first key not in <paramref name="known"/>.</summary>
    public void RejectUnknownKeys(params string[] known)
    {
        foreach (var (k, _) in _node.Children)
        {
            string key = Scalar(k);
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                throw Error(k, key, $"unknown key; allowed keys here: {string.Join(", ", known)}.");
            }
        }
    }

    private bool TryGet(string key, out YamlNode node)
    {
        return _node.Children.TryGetValue(new YamlScalarNode(key), out node!);
    }

    private static bool IsNull(YamlNode n) => n is YamlScalarNode { Value: null or "" or "null" or "~" } s && s.Style == YamlDotNet.Core.ScalarStyle.Plain;

    private static string Scalar(YamlNode n) => n is YamlScalarNode s ? s.Value ?? "" : n.NodeType.ToString().ToLowerInvariant();
}
