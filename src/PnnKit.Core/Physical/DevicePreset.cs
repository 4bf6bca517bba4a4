namespace PnnKit.Core.Physical;

/// <summary>One physical parameter of a device preset, as shown by `pnn devices show`.</summary>
/// <param name="Name">The parameter, as the typed record calls it (e.g. "GMax").</param>
/// <param name="Value">The value the code uses, in <paramref name="Unit"/>.</param>
/// <param name="Unit">SI unit ("S", "V", "s", "W", "Ω", "bit"); "1" for a dimensionless number.</param>
/// <param name="Source">Paper, datasheet or a stated "assumption: …", carried over from the record's documentation.</param>
public sealed record DeviceParameter(string Name, double Value, string Unit, string Source);

/// <summary>
/// A named set of physical defaults of one device (aihwkit-style configuration records with documented values).
/// The substrate builds it from the typed record its physics uses, so <see cref="Parameters"/> shows exactly the
/// numbers the code runs with; the record itself is reached through <see cref="DevicePreset{TModel}"/>.
/// </summary>
public abstract record DevicePreset
{
    /// <summary>Kebab-case name selectable from YAML and the CLI, e.g. "rram-yao-2020".</summary>
    public required string Name { get; init; }

    /// <summary>Substrate that owns the device: "memristive", "photonic", "mechanical", "spintronic".</summary>
    public required string Substrate { get; init; }

    /// <summary>What kind of device this is, e.g. "PCM cell", "thermo-optic phase shifter".</summary>
    public required string Device { get; init; }

    /// <summary>One line saying what the preset models.</summary>
    public required string Summary { get; init; }

    /// <summary>The paper or datasheet the values come from (each parameter names its own source too).</summary>
    public required string Source { get; init; }

    /// <summary>Every parameter with value, unit and source.</summary>
    public required IReadOnlyList<DeviceParameter> Parameters { get; init; }

    /// <summary>The typed record, untyped (for registries that hold presets of every substrate).</summary>
    public abstract object ModelObject { get; }
}

/// <summary>A device preset holding the typed record <typeparamref name="TModel"/> the physics code takes.</summary>
public sealed record DevicePreset<TModel> : DevicePreset where TModel : class
{
    /// <summary>The record the code uses (e.g. an RramDeviceModel).</summary>
    public required TModel Model { get; init; }

    /// <inheritdoc/>
    public override object ModelObject => Model;
}
