using System.Text.Json.Serialization;

namespace PnnKit.Devices.Recording;

/// <summary>
/// One line of a <see cref="DeviceRecording"/>: a session header, a measurement, an in-situ gradient or a checkpoint marker.
/// Fields a kind does not use are absent from its line. Doubles are written shortest round-trip, so every value reads back
/// bit-identical; non-finite readings are written as "NaN", "Infinity", "-Infinity".
/// </summary>
public sealed class DeviceRecord
{
    /// <summary>The kind of a session header.</summary>
    public const string SessionKind = "session";

    /// <summary>The kind of a measurement (inputs and controls in, outputs out).</summary>
    public const string MeasureKind = "measure";

    /// <summary>The kind of an in-situ gradient call (inputs, controls and adjoint sources in, gradients out).</summary>
    public const string GradientKind = "gradient";

    /// <summary>The kind of a checkpoint marker, written when the training loop saved a checkpoint.</summary>
    public const string CheckpointKind = "checkpoint";

    /// <summary>session, measure, gradient or checkpoint.</summary>
    public required string Kind { get; init; }

    /// <summary>Position in the file, counting from 1 and increasing across sessions.</summary>
    public required long Seq { get; init; }

    /// <summary>When the record was written, UTC, ISO-8601 with milliseconds.</summary>
    public required string Time { get; init; }

    /// <summary>Session: the device's name.</summary>
    public string? Device { get; init; }

    /// <summary>Session: what kind of device (the server's kind, or the simulator's type).</summary>
    public string? DeviceKind { get; init; }

    /// <summary>Session: values per input example.</summary>
    public int? InputSize { get; init; }

    /// <summary>Session: values per measured output.</summary>
    public int? OutputSize { get; init; }

    /// <summary>Session: control settings.</summary>
    public int? ControlCount { get; init; }

    /// <summary>Session: the machine the client ran on.</summary>
    public string? Host { get; init; }

    /// <summary>Checkpoint: the training loop's label ("epoch 3").</summary>
    public string? Label { get; init; }

    /// <summary>Measure, gradient: examples in the batch.</summary>
    public int? Batch { get; init; }

    /// <summary>Measure, gradient: the control settings applied.</summary>
    public double[]? Controls { get; init; }

    /// <summary>Measure, gradient: the inputs, [batch, input size] row-major.</summary>
    public double[]? Inputs { get; init; }

    /// <summary>Measure: the readings, [batch, output size] row-major.</summary>
    public double[]? Outputs { get; init; }

    /// <summary>Gradient: the adjoint sources sent (the loss gradient at the outputs), [batch, output size].</summary>
    public double[]? Sources { get; init; }

    /// <summary>Gradient: the device's gradient, one per control.</summary>
    public double[]? Gradient { get; init; }

    /// <summary>Gradient: the device's gradient for the inputs, [batch, input size].</summary>
    public double[]? InputGradient { get; init; }

    /// <summary>Measure, gradient: the device's own time for the call, where it reports one.</summary>
    public double? DeviceSeconds { get; init; }

    /// <summary>The line of the file this record was read from (1-based); not written.</summary>
    [JsonIgnore]
    public int Line { get; internal set; }
}
