using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Devices.Recording;
using PnnKit.Methods;

namespace PnnKit.Devices.Tests;

public sealed class RecordReplayTests : IDisposable
{
    private const int BatchesPerEpoch = 4;
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-rec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name = "device.jsonl") => Path.Combine(_dir, name);

    // The "hardware": a 3 → 2 linear map the twin does not know, read with detector noise from its own seed.
    private static LayerSystem<double> Hardware(ulong noiseSeed) =>
        new(new Sequential<double>(new Linear<double>(3, 2, new Rng(50))), 3, 2, noiseStd: 0.05, seed: noiseSeed, name: "bench");

    private static Sequential<double> Twin(ulong seed = 2) => new(new Linear<double>(3, 2, new Rng(seed)));

    private static double[] Parameters(Sequential<double> twin) => [.. twin.Parameters.SelectMany(p => p.Value.Data)];

    private static void Restore(Sequential<double> twin, double[] values)
    {
        int offset = 0;
        foreach (var p in twin.Parameters)
        {
            values.AsSpan(offset, p.Value.Length).CopyTo(p.Value.Data);
            offset += p.Value.Length;
        }
    }

    /// <summary>
    /// Physics-aware training (plain SGD, so the parameters are the whole state) of <paramref name="twin"/> against
    /// <paramref name="system"/> for epochs [from, to), four fixed batches each; after each epoch <paramref name="saved"/>
    /// sees it end. Stops after <paramref name="crashAfter"/> batches of epoch <c>to - 1</c> when given, as a crash would.
    /// Returns every measured output.
    /// </summary>
    private static List<double[]> Train(IPhysicalSystem<double> system, Sequential<double> twin, int from, int to, Action<int>? saved = null, int crashAfter = -1)
    {
        var pat = new PhysicsAwareLayer<double>(system, twin);
        var sgd = new Sgd<double>(twin.Parameters, 0.2);
        var loss = new SoftmaxCrossEntropy<double>();
        var rng = new Rng(11);
        var outputs = new List<double[]>();
        var data = Enumerable.Range(0, BatchesPerEpoch).Select(_ =>
        {
            var x = new Tensor<double>(5, 3);
            rng.FillNormal(x.Span, 0, 1);
            return (X: x, Labels: x.Data.Chunk(3).Select(r => r[0] + r[1] > 0 ? 1 : 0).ToArray());
        }).ToList();
        for (int epoch = from; epoch < to; epoch++)
        {
            for (int b = 0; b < BatchesPerEpoch; b++)
            {
                if (epoch == to - 1 && b == crashAfter)
                {
                    return outputs;
                }
                sgd.ZeroGrad();
                var y = pat.Forward(data[b].X, ForwardContext.Train());
                outputs.Add([.. y.Data]);
                var g = Tensor<double>.ZerosLike(y);
                loss.Compute(y, data[b].Labels, g);
                pat.Backward(g);
                sgd.Step();
            }
            saved?.Invoke(epoch);
        }
        return outputs;
    }

    [Fact]
    public void Replay_OfAPhysicsAwareRun_GivesBitIdenticalOutputsAndTrainedParameters()
    {
        var hardware = Hardware(3);
        var recordedTwin = Twin();
        List<double[]> recorded;
        using (var rec = new RecordingSystem<double>(hardware, File()))
        {
            recorded = Train(rec, recordedTwin, 0, 3, e => rec.Checkpoint($"epoch {e + 1}"));
        }

        var replay = new ReplaySystem<double>(File());
        var replayedTwin = Twin();
        var replayed = Train(replay, replayedTwin, 0, 3);

        Assert.Equal(recorded, replayed);
        Assert.Equal(Parameters(recordedTwin), Parameters(replayedTwin));
        Assert.Equal(0, replay.Remaining);
        Assert.Equal(hardware.QueryCount, replay.QueryCount);
        Assert.Equal(("bench", 3, 2, 8), (replay.Name, replay.InputSize, replay.OutputSize, replay.ControlCount));
        // The noise matters: the same training on the same chip with other detector noise ends elsewhere.
        var otherTwin = Twin();
        Train(Hardware(4), otherTwin, 0, 3);
        Assert.NotEqual(Parameters(recordedTwin), Parameters(otherTwin));
    }

    [Fact]
    public void Replay_RefusesAQueryThatIsNotTheRecordedOne_NamingFileRecordAndField()
    {
        using (var rec = new RecordingSystem<double>(Hardware(3), File()))
        {
            Train(rec, Twin(), 0, 1);
        }

        // Another initial twin sends other controls on the first measurement (record 2, after the session header).
        var e = Assert.Throws<ReplayMismatchException>(() => Train(new ReplaySystem<double>(File()), Twin(seed: 3), 0, 1));
        Assert.Equal((File(), 2L, "controls"), (e.Path, e.Seq, e.Field));
        Assert.Contains(File(), e.Message, StringComparison.Ordinal);
        Assert.Contains("record 2", e.Message, StringComparison.Ordinal);

        var replay = new ReplaySystem<double>(File());
        var controls = Parameters(Twin());
        var x = new Tensor<double>(5, 3);
        var inputs = Assert.Throws<ReplayMismatchException>(() => replay.Measure(x, controls));
        Assert.Equal("inputs", inputs.Field);
        var batch = Assert.Throws<ReplayMismatchException>(() => replay.Measure(new Tensor<double>(4, 3), controls));
        Assert.Equal("batch", batch.Field);
        var gradient = Assert.Throws<ReplayMismatchException>(() => replay.MeasureGradient(x, new Tensor<double>(5, 2), controls));
        Assert.Equal("kind", gradient.Field);
    }

    [Fact]
    public void Replay_OfACrashedAndResumedRun_SkipsWhatTheResumeRedid()
    {
        // Session 1 saves after epochs 1 and 2, then crashes two batches into epoch 3.
        var twin = Twin();
        var saved = new Dictionary<int, double[]>();
        using (var rec = new RecordingSystem<double>(Hardware(3), File()))
        {
            Train(rec, twin, 0, 3, e => { saved[e] = Parameters(twin); rec.Checkpoint($"epoch {e + 1}"); }, crashAfter: 2);
        }
        // Session 2 resumes from the epoch-2 checkpoint and finishes epochs 3 and 4 (the device's noise has moved on).
        Restore(twin, saved[1]);
        using (var rec = new RecordingSystem<double>(Hardware(5), File()))
        {
            Train(rec, twin, 2, 4, e => rec.Checkpoint($"epoch {e + 1}"));
        }

        var replay = new ReplaySystem<double>(File());
        Assert.Equal(2, replay.File.Sessions.Count);
        Assert.Equal((4 * BatchesPerEpoch) + 2, replay.File.Sessions.Sum(s => s.Queries.Count()));
        Assert.Equal(4 * BatchesPerEpoch, replay.Remaining);
        var replayedTwin = Twin();
        Train(replay, replayedTwin, 0, 4);
        Assert.Equal(Parameters(twin), Parameters(replayedTwin));
        Assert.Equal(0, replay.Remaining);
    }

    [Fact]
    public void Replayed_KeepsASessionUpToItsLastCheckpoint_DropsOneWithoutAny_AndKeepsTheLastWhole()
    {
        double[] none = [];
        using (var r = DeviceRecording.Open(File(), "d", "test", 1, 1, 0))
        {
            r.RecordMeasure(1, none, [1.0], [10.0]);
            r.Checkpoint("epoch 1");
            r.RecordMeasure(1, none, [2.0], [20.0]);
        }
        using (var r = DeviceRecording.Open(File(), "d", "test", 1, 1, 0))
        {
            r.RecordMeasure(1, none, [3.0], [30.0]);
        }
        using (var r = DeviceRecording.Open(File(), "d", "test", 1, 1, 0))
        {
            r.RecordMeasure(1, none, [4.0], [40.0]);
            r.Checkpoint("epoch 2");
            r.RecordMeasure(1, none, [5.0], [50.0]);
        }

        var file = RecordingFile.Read(File());
        Assert.Equal([1.0, 4.0, 5.0], file.Replayed().Select(q => q.Inputs![0]));
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8, 9, 10], file.Sessions.SelectMany(s => s.Records.Prepend(s.Header)).Select(r => r.Seq));
        var summary = RecordingSummary.Of(file);
        Assert.Equal((3, 5, 5L, 2, 2), (summary.Sessions, summary.Measurements, summary.Examples, summary.Checkpoints, summary.Superseded));
    }

    [Fact]
    public void Recording_WritesDoublesRoundTripExact_AndTimestampsInUtcWithMilliseconds()
    {
        double[] awkward = [0.1 + 0.2, Math.PI, double.Epsilon, -0.0, 1e308, double.NaN];
        using (var r = DeviceRecording.Open(File(), "d", "test", 6, 6, 6))
        {
            r.RecordMeasure(1, awkward, awkward, awkward, deviceSeconds: 1.5e-3);
        }
        var m = RecordingFile.Read(File()).Sessions[0].Records[0];
        Assert.Equal(awkward.Select(BitConverter.DoubleToInt64Bits).SkipLast(1), m.Outputs!.Select(BitConverter.DoubleToInt64Bits).SkipLast(1));
        Assert.True(double.IsNaN(m.Outputs![^1]));
        Assert.Equal(1.5e-3, m.DeviceSeconds);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", m.Time);
    }

    [Fact]
    public void TornLastLine_IsReportedAndIgnored_ButACorruptLineInsideIsAnErrorNamingFileAndLine()
    {
        using (var rec = new RecordingSystem<double>(Hardware(3), File()))
        {
            Train(rec, Twin(), 0, 1);
        }
        string whole = System.IO.File.ReadAllText(File());
        System.IO.File.AppendAllText(File(), "{\"kind\":\"measure\",\"seq\":6,\"ti");

        var torn = RecordingFile.Read(File());
        Assert.Equal($"{File()}, line 6: a torn record (a crash while it was written), ignored.", Assert.Single(torn.TornLines));
        Train(new ReplaySystem<double>(File()), Twin(), 0, 1);

        // A resumed session after the torn line keeps it (append-only) and numbers on from the last whole record.
        using (var rec = new RecordingSystem<double>(Hardware(3), File()))
        {
            Assert.Equal(6, rec.Recording.LastSeq);
        }
        Assert.StartsWith(whole + "{\"kind\":\"measure\",\"seq\":6,\"ti\n", System.IO.File.ReadAllText(File()), StringComparison.Ordinal);
        Assert.Equal(2, RecordingFile.Read(File()).Sessions.Count);

        var lines = whole.Split('\n');
        lines[2] = "{\"kind\":\"measure\", oops";
        System.IO.File.WriteAllText(File("corrupt.jsonl"), string.Join('\n', lines));
        var e = Assert.Throws<InvalidDataException>(() => RecordingFile.Read(File("corrupt.jsonl")));
        Assert.StartsWith($"{File("corrupt.jsonl")}, line 3:", e.Message, StringComparison.Ordinal);
        // Opening a corrupt file to record is refused rather than appended to.
        Assert.Throws<InvalidDataException>(() => DeviceRecording.Open(File("corrupt.jsonl"), "d", "test", 1, 1, 0));
    }

    [Fact]
    public void Reading_RefusesARecordWhoseSizesDoNotMatchItsSession()
    {
        System.IO.File.WriteAllLines(File(), [
            "{\"kind\":\"session\",\"seq\":1,\"time\":\"2026-01-01T00:00:00.000Z\",\"device\":\"d\",\"inputSize\":2,\"outputSize\":1,\"controlCount\":1}",
            "{\"kind\":\"measure\",\"seq\":2,\"time\":\"2026-01-01T00:00:00.001Z\",\"batch\":1,\"controls\":[0],\"inputs\":[1],\"outputs\":[2]}",
        ]);
        var e = Assert.Throws<InvalidDataException>(() => RecordingFile.Read(File()));
        Assert.Equal($"{File()}, line 2: inputs has 1 values, the session's device needs 2.", e.Message);
    }

    [Fact]
    public void OpeningAgain_AppendsASession_LeavingTheFirstSessionsBytesUnchanged()
    {
        using (var rec = new RecordingSystem<double>(Hardware(3), File()))
        {
            Train(rec, Twin(), 0, 1);
        }
        byte[] first = System.IO.File.ReadAllBytes(File());
        using (var rec = new RecordingSystem<double>(Hardware(3), File()))
        {
            Train(rec, Twin(), 0, 1);
        }
        byte[] both = System.IO.File.ReadAllBytes(File());
        Assert.True(both.Length > first.Length);
        Assert.Equal(first, both[..first.Length]);
        var sessions = RecordingFile.Read(File()).Sessions;
        Assert.Equal(2, sessions.Count);
        Assert.Equal(sessions[0].Records[^1].Seq + 1, sessions[1].Header.Seq);
        Assert.Equal(("bench", "LayerSystem", 3, 2, 8), (sessions[1].Header.Device, sessions[1].Header.DeviceKind, sessions[1].Header.InputSize, sessions[1].Header.OutputSize, sessions[1].Header.ControlCount));
    }

    [Fact]
    public void GradientCalls_ReplayTheRecordedGradients_AndCheckTheAdjointSources()
    {
        var rng = new Rng(21);
        double[] Random(int n)
        {
            var v = new double[n];
            rng.FillNormal(v, 0, 1);
            return v;
        }
        double[] controls = Random(3), inputs = Random(4), sources = Random(2), gradient = Random(3), inputGradient = Random(4);
        using (var r = DeviceRecording.Open(File(), "d", "test", 2, 1, 3))
        {
            r.RecordGradient(2, controls, inputs, sources, gradient, inputGradient, deviceSeconds: 0.25);
        }

        var x = Tensor<double>.FromArray([.. inputs], 2, 2);
        var replay = new ReplaySystem<double>(File());
        double[] otherSources = [sources[0], sources[1] + 1e-12];
        var e = Assert.Throws<ReplayMismatchException>(() => replay.MeasureGradient(x, Tensor<double>.FromArray(otherSources, 2, 1), controls));
        Assert.Equal((2L, "sources"), (e.Seq, e.Field));
        Assert.Contains("sources[1]", e.Message, StringComparison.Ordinal);

        // The refused query did not use up the record: the recorded one still gets its answer.
        var (g, gx) = replay.MeasureGradient(x, Tensor<double>.FromArray([.. sources], 2, 1), controls);
        Assert.Equal(gradient, g);
        Assert.Equal(inputGradient, gx.Data);
        Assert.Equal([2, 2], gx.Shape.ToArray());
        Assert.Equal(0, replay.Remaining);
    }

    [Fact]
    public void Replay_InSinglePrecision_GivesBackTheSameFloats()
    {
        var hardware = new LayerSystem<float>(new Sequential<float>(new Linear<float>(3, 2, new Rng(50))), 3, 2, noiseStd: 0.05, seed: 3);
        var controls = new float[hardware.ControlCount];
        new Rng(1).FillNormal(controls, 0, 1);
        var x = new Tensor<float>(7, 3);
        new Rng(2).FillNormal(x.Span, 0, 1);
        float[] measured;
        using (var rec = new RecordingSystem<float>(hardware, File()))
        {
            measured = rec.Measure(x, controls).Data;
        }
        var replay = new ReplaySystem<float>(File());
        Assert.Equal(measured.Select(BitConverter.SingleToInt32Bits), replay.Measure(x, controls).Data.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(7, replay.QueryCount);
    }
}
