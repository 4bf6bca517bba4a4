using Microsoft.Data.Sqlite;
using PnnKit.Bench.Runs;

namespace PnnKit.Bench.Tests;

public sealed class RunStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-store-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Store_RoundTripsRows_AndComparesTheLatestValues()
    {
        string path = Path.Combine(_dir, "sub", "pnnkit.db");
        using (var store = RunStore.Open(path))
        {
            store.Record("a", "1111111aaaa", "h1", 1, [("acc", 0.9, ""), ("energy", 2e-9, "J"), ("skipped", double.NaN, "")]);
            store.Record("b", "2222222bbbb", "h2", 1, [("acc", 0.95, "")]);
            store.Record("a", "3333333cccc", "h1", 2, [("acc", 0.91, "")]);
        }
        using var again = RunStore.Open(path);
        var rows = again.Rows();
        Assert.Equal(4, rows.Count);
        Assert.DoesNotContain(rows, r => r.Metric == "skipped");
        Assert.Equal("2222222bbbb", rows[2].GitCommit);
        var cmp = again.Compare("a", "b");
        var acc = cmp.Single(c => c.Metric == "acc");
        Assert.Equal(0.91, acc.A);
        Assert.Equal(0.95, acc.B);
        Assert.Equal(0.04, acc.Delta!.Value, 12);
        Assert.Null(cmp.Single(c => c.Metric == "energy").B);
        // By commit prefix.
        Assert.Equal(0.9, again.Compare("1111111", "3333333").Single(c => c.Metric == "acc").A);
        Assert.Throws<RunStoreException>(() => again.Compare("zzz", "a"));
    }

    [Fact]
    public void CorruptStore_IsReported_AndNeverModified()
    {
        string path = Path.Combine(_dir, "pnnkit.db");
        using (var store = RunStore.Open(path))
        {
            store.Record("a", "c", "h", 1, Enumerable.Range(0, 200).Select(i => ($"m{i}", (double)i, "")));
        }
        SqliteConnection.ClearAllPools();
        byte[] bytes = File.ReadAllBytes(path);
        // Scribble over the middle pages (past the header), as a torn copy would.
        for (int i = bytes.Length / 2; i < (bytes.Length / 2) + 2000 && i < bytes.Length; i++)
        {
            bytes[i] = 0x5A;
        }
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<RunStoreException>(() => RunStore.Open(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));

        File.WriteAllText(path, "not a database at all, just text that is long enough to have a header of sorts......");
        Assert.Throws<RunStoreException>(() => RunStore.Open(path));
        Assert.StartsWith("not a database", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void GitInfo_ReadsTheCommitOfThisCheckout()
    {
        string commit = GitInfo.Commit(AppContext.BaseDirectory);
        Assert.True(commit == "unknown" || (commit.Length == 40 && commit.All(Uri.IsHexDigit)), commit);
        Assert.Equal("unknown", GitInfo.Commit(Path.GetTempPath()));
    }
}
