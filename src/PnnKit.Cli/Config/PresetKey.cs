using PnnKit.Bench.Devices;
using PnnKit.Core.Physical;

namespace PnnKit.Cli.Config;

/// <summary>Reads a YAML key that names a device preset (`pnn devices list`) of one kind, e.g. model.device: pcm-joshi-2020.</summary>
internal static class PresetKey
{
    /// <summary>
    /// The preset <paramref name="key"/> names among <paramref name="allowed"/> (null when the key is absent). A preset of
    /// another substrate or device, or no preset at all, is a <see cref="ConfigException"/> naming the file, line, field and the allowed names.
    /// </summary>
    public static DevicePreset<TModel>? Read<TModel>(YamlSection section, string key, IReadOnlyList<DevicePreset<TModel>> allowed, string what)
        where TModel : class
    {
        if (!section.Has(key))
        {
            return null;
        }
        string name = section.String(key, "");
        if (allowed.FirstOrDefault(p => p.Name == name) is { } preset)
        {
            return preset;
        }
        string names = string.Join(", ", allowed.Select(p => p.Name));
        throw DevicePresetRegistry.Find(name) is { } other
            ? section.Error(null, key, $"'{name}' is a {other.Substrate} {other.Device} preset; this field takes a {what} preset: {names}.")
            : section.Error(null, key, $"'{name}' is not a device preset (pnn devices list); use one of: {names}.");
    }
}
