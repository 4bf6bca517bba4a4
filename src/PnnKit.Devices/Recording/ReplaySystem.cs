using System.Globalization;
using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Physical;
using PnnKit.Core.Tensors;

namespace PnnKit.Devices.Recording;

/// <summary>
/// A recorded run played back offline: answers each <see cref="Measure"/> (and in-situ <see cref="Gradient"/> call) with
/// the next recorded reading, bit-identical, after checking the query (kind, batch, controls, inputs, sources) is the one
/// recorded, bit for bit; a query that differs throws <see cref="ReplayMismatchException"/> naming the file, the record's
/// sequence number and what differed. Resumed runs replay as they finally happened: a session followed by another one
/// ended in a crash and the run resumed from that session's last checkpoint, so the session's records after its last
/// checkpoint record (all of them when it has none) were redone by the next session and are skipped
/// (<see cref="RecordingFile.Replayed"/>). Replay charges nothing to a ledger: nothing physical happens.
/// </summary>
public sealed class ReplaySystem<T> : IGradientSystem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IReadOnlyList<DeviceRecord> _queries;
    private int _next;

    /// <summary>Reads <paramref name="path"/> for replay; its sessions must all be of one device's shape.</summary>
    public ReplaySystem(string path)
    {
        File = RecordingFile.Read(path);
        if (File.Sessions.Count == 0)
        {
            throw new InvalidDataException($"{path}: the recording holds no session.");
        }
        var h = File.Sessions[^1].Header;
        foreach (var s in File.Sessions)
        {
            if ((s.Header.InputSize, s.Header.OutputSize, s.Header.ControlCount) != (h.InputSize, h.OutputSize, h.ControlCount))
            {
                throw new InvalidDataException($"{path}, line {s.Header.Line}: session of {s.Header.InputSize} inputs, {s.Header.OutputSize} outputs, {s.Header.ControlCount} controls; the last session's device has {h.InputSize}, {h.OutputSize}, {h.ControlCount}: one run replays one device.");
            }
        }
        Name = h.Device!;
        InputSize = h.InputSize!.Value;
        OutputSize = h.OutputSize!.Value;
        ControlCount = h.ControlCount!.Value;
        _queries = File.Replayed();
    }

    /// <summary>The recording replayed (sessions, torn lines).</summary>
    public RecordingFile File { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int InputSize { get; }

    /// <inheritdoc/>
    public int OutputSize { get; }

    /// <inheritdoc/>
    public int ControlCount { get; }

    /// <summary>Examples replayed so far (measurements and gradients, as the recorded device counted them).</summary>
    public long QueryCount { get; private set; }

    /// <summary>Recorded queries not yet asked: zero once the whole run has been replayed.</summary>
    public int Remaining => _queries.Count - _next;

    /// <inheritdoc/>
    public Tensor<T> Measure(Tensor<T> inputs, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var r = Expect(DeviceRecord.MeasureKind, inputs, controls);
        _next++;
        QueryCount += inputs.Rows;
        return Tensor<T>.FromArray(Doubles.To<T>(r.Outputs!), inputs.Rows, OutputSize);
    }

    /// <summary>
    /// An in-situ gradient call replayed: checks the forward <paramref name="inputs"/>, <paramref name="controls"/> and
    /// adjoint <paramref name="sources"/> are the recorded ones and returns the recorded gradient per control and input gradient.
    /// </summary>
    public (T[] ControlGradient, Tensor<T> InputGradient) MeasureGradient(Tensor<T> inputs, Tensor<T> sources, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(sources);
        var r = Expect(DeviceRecord.GradientKind, inputs, controls);
        Compare(r, "sources", r.Sources!, Doubles.Of<T>(sources.Data));
        _next++;
        QueryCount += inputs.Rows;
        return (Doubles.To<T>(r.Gradient!), Tensor<T>.FromArray(Doubles.To<T>(r.InputGradient!), inputs.Rows, InputSize));
    }

    // The next recorded query, checked against this one; the caller moves the cursor on once all of it matched.
    private DeviceRecord Expect(string kind, Tensor<T> inputs, ReadOnlySpan<T> controls)
    {
        if (_next >= _queries.Count)
        {
            throw new ReplayMismatchException(File.Path, null, "kind", $"{File.Path}: all {_queries.Count} recorded queries have been replayed; the run asked for another ({kind} of {inputs.Rows} examples).");
        }
        var r = _queries[_next];
        if (r.Kind != kind)
        {
            throw new ReplayMismatchException(File.Path, r.Seq, "kind", $"{File.Path}, record {r.Seq}: the run asked for a {kind} but the recording has a {r.Kind} here.");
        }
        if (r.Batch != inputs.Rows)
        {
            throw new ReplayMismatchException(File.Path, r.Seq, "batch", $"{File.Path}, record {r.Seq}: the run's {kind} has a batch of {inputs.Rows} examples, the recording's {r.Batch}.");
        }
        Compare(r, "controls", r.Controls!, Doubles.Of(controls));
        Compare(r, "inputs", r.Inputs!, Doubles.Of<T>(inputs.Data));
        return r;
    }

    private void Compare(DeviceRecord r, string field, double[] recorded, double[] asked)
    {
        if (recorded.Length != asked.Length)
        {
            throw new ReplayMismatchException(File.Path, r.Seq, field, $"{File.Path}, record {r.Seq}: the run's {field} has {asked.Length} values, the recording's {recorded.Length}.");
        }
        int differ = 0, first = -1;
        for (int i = 0; i < recorded.Length; i++)
        {
            if (!Doubles.Same(recorded[i], asked[i]))
            {
                differ++;
                first = first < 0 ? i : first;
            }
        }
        if (differ > 0)
        {
            throw new ReplayMismatchException(File.Path, r.Seq, field, string.Create(CultureInfo.InvariantCulture,
                $"{File.Path}, record {r.Seq}: the run's {field} differ from the recording's in {differ} of {recorded.Length} values; first {field}[{first}] = {asked[first]:R}, recorded {recorded[first]:R}."));
        }
    }
}
