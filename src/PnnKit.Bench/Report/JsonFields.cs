using System.Globalization;
using System.Text.Json;

namespace PnnKit.Bench.Report;

/// <summary>
/// A JSON object read tolerantly: nested objects are flattened and keys normalised (lower case,
/// no '_' or '-'), so "core_energy_joules", "coreEnergyJoules" and {"core": {"energy_j": …}} all
/// answer a lookup by key fragments.
/// </summary>
internal sealed class JsonFields
{
    private readonly List<(string Key, JsonElement Value)> _fields = [];

    public JsonFields(JsonElement obj) => Flatten("", obj);

    /// <summary>The first field whose key contains every fragment and none of <paramref name="not"/>.</summary>
    public JsonElement? Find(string[] all, string[]? not = null)
    {
        foreach (var (key, value) in _fields)
        {
            if (all.All(f => key.Contains(f, StringComparison.Ordinal)) && (not is null || !not.Any(f => key.Contains(f, StringComparison.Ordinal))))
            {
                return value;
            }
        }
        return null;
    }

    public double? Number(string[] all, string[]? not = null) => AsNumber(Find(all, not));

    public string? Text(string[] all, string[]? not = null) => Find(all, not) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    public static double? AsNumber(JsonElement? e) => e switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
        { ValueKind: JsonValueKind.String } s when double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) => v,
        _ => null,
    };

    public static string Normalise(string key) => key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private void Flatten(string prefix, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            _fields.Add((prefix, e));
            return;
        }
        foreach (var p in e.EnumerateObject())
        {
            Flatten(prefix + Normalise(p.Name), p.Value);
        }
    }
}
