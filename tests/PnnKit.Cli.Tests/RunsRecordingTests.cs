using System.Text.Json;
using PnnKit.Devices.Recording;

namespace PnnKit.Cli.Tests;

public sealed class RunsRecordingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-runs-recording-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A run that crashed after one checkpoint (its last query superseded) and was resumed in a second session.
    private string Record()
    {
        string run = Path.Combine(_dir, "run");
        string file = Path.Combine(run, "device.jsonl");
        double[] c = [0.5];
        using (var r = DeviceRecording.Open(file, "mesh-2", "photonic-mesh", 2, 1, 1))
        {
            r.RecordMeasure(3, c, new double[6], new double[3]);
            r.RecordMeasure(2, c, new double[4], new double[2]);
            r.Checkpoint("epoch 1");
            r.RecordMeasure(4, c, new double[8], new double[4]);
        }
        using (var r = DeviceRecording.Open(file, "mesh-2", "photonic-mesh", 2, 1, 1))
        {
            r.RecordMeasure(5, c, new double[10], new double[5]);
            r.RecordGradient(1, c, new double[2], new double[1], new double[1], new double[2]);
            r.Checkpoint("epoch 2");
        }
        File.WriteAllText(Path.Combine(run, "notes.jsonl"), "not a recording\n");
        return run;
    }

    [Fact]
    public void RunsRecording_PrintsSessionsQueriesExamplesCheckpointsAndTimeSpan()
    {
        string run = Record();
        var read = RecordingFile.Read(Path.Combine(run, "device.jsonl"));

        var (code, stdout, err) = Pnn.Run(_dir, "runs", "recording", run, "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var s = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("mesh-2", s.GetProperty("device").GetString());
        Assert.Equal(
            (2, 4, 3 + 2 + 4 + 5, 1, 2, 1, 0),
            (s.GetProperty("sessions").GetInt32(), s.GetProperty("measurements").GetInt32(), s.GetProperty("examples").GetInt32(),
             s.GetProperty("gradients").GetInt32(), s.GetProperty("checkpoints").GetInt32(), s.GetProperty("superseded").GetInt32(), s.GetProperty("torn_lines").GetInt32()));
        Assert.Equal(read.Sessions[0].Header.Time, s.GetProperty("first").GetString());
        Assert.Equal(read.Sessions[^1].Records[^1].Time, s.GetProperty("last").GetString());

        var (tableCode, table, tableErr) = Pnn.Run(_dir, "runs", "recording", Path.Combine(run, "device.jsonl"));
        Assert.True(tableCode == 0, tableErr);
        string Row(string name) => table.Split('\n').Single(l => l.Contains(" " + name + " ", StringComparison.Ordinal));
        Assert.Contains("device.jsonl", table, StringComparison.Ordinal);
        Assert.Contains("mesh-2", Row("device"), StringComparison.Ordinal);
        Assert.Contains(" 14 ", Row("examples"), StringComparison.Ordinal);
        Assert.Contains(" 1 ", Row("superseded queries"), StringComparison.Ordinal);
        Assert.Contains(read.Sessions[^1].Records[^1].Time, Row("last (UTC)"), StringComparison.Ordinal);
    }

    [Fact]
    public void RunsRecording_OfAFolderWithoutRecordings_IsAUsageError()
    {
        var (code, _, err) = Pnn.Run(_dir, "runs", "recording", _dir);
        Assert.Equal(2, code);
        Assert.Contains("no device*.jsonl", err, StringComparison.Ordinal);
    }
}
