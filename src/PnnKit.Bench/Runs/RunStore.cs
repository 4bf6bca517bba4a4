using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PnnKit.Bench.Runs;

/// <summary>One figure of one run.</summary>
/// <param name="Run">Run name.</param>
/// <param name="Metric">Figure name, e.g. "test_accuracy".</param>
/// <param name="Value">Value.</param>
/// <param name="Unit">Unit ("" for ratios).</param>
/// <param name="GitCommit">Commit of the code that produced it.</param>
/// <param name="ConfigHash">SHA-256 of the resolved config.</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="RecordedUtc">When it was recorded (ISO 8601).</param>
public sealed record RunResultRow(string Run, string Metric, double Value, string Unit, string GitCommit, string ConfigHash, long Seed, string RecordedUtc);

/// <summary>One metric of two runs side by side.</summary>
public sealed record RunComparison(string Metric, string Unit, double? A, double? B)
{
    /// <summary>B − A where both exist.</summary>
    public double? Delta => A is double a && B is double b ? b - a : null;
}

/// <summary>
/// The run store: a SQLite file with one row per result (run, metric, value, git commit, config hash,
/// seed), so `pnn runs compare A B` shows what changed between two versions. An existing file is
/// checked before use (SQLite's quick_check and the expected schema); a corrupt or foreign file is
/// reported and never modified or overwritten.
/// </summary>
public sealed class RunStore : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS results (
            id INTEGER PRIMARY KEY,
            run TEXT NOT NULL,
            metric TEXT NOT NULL,
            value REAL NOT NULL,
            unit TEXT NOT NULL,
            git_commit TEXT NOT NULL,
            config_hash TEXT NOT NULL,
            seed INTEGER NOT NULL,
            recorded_utc TEXT NOT NULL)
        """;

    private static readonly string[] Columns = ["id", "run", "metric", "value", "unit", "git_commit", "config_hash", "seed", "recorded_utc"];
    private readonly SqliteConnection _db;

    private RunStore(SqliteConnection db, string path)
    {
        _db = db;
        Path = path;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>Opens (or creates) the store at <paramref name="path"/>; throws <see cref="RunStoreException"/> if it is corrupt.</summary>
    public static RunStore Open(string path)
    {
        bool existed = File.Exists(path);
        if (!existed)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        }
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = existed ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            db.Open();
            if (existed)
            {
                Check(db, path);
            }
            Execute(db, Schema);
            return new RunStore(db, path);
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new RunStoreException($"{path}: not a usable run store ({e.Message.TrimEnd('.')}); it was left untouched — move it aside to start a new one.", e);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Appends the figures of one run in one transaction.</summary>
    public void Record(string run, string gitCommit, string configHash, long seed, IEnumerable<(string Metric, double Value, string Unit)> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        string now = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture);
        using var tx = _db.BeginTransaction();
        foreach (var (metric, value, unit) in figures)
        {
            if (!double.IsFinite(value))
            {
                continue; // a figure that does not exist (e.g. accuracy of a regression) is not stored as NaN
            }
            using var cmd = _db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO results (run, metric, value, unit, git_commit, config_hash, seed, recorded_utc) VALUES ($r, $m, $v, $u, $g, $c, $s, $t)";
            cmd.Parameters.AddWithValue("$r", run);
            cmd.Parameters.AddWithValue("$m", metric);
            cmd.Parameters.AddWithValue("$v", value);
            cmd.Parameters.AddWithValue("$u", unit);
            cmd.Parameters.AddWithValue("$g", gitCommit);
            cmd.Parameters.AddWithValue("$c", configHash);
            cmd.Parameters.AddWithValue("$s", seed);
            cmd.Parameters.AddWithValue("$t", now);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>All rows, oldest first.</summary>
    public IReadOnlyList<RunResultRow> Rows()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT run, metric, value, unit, git_commit, config_hash, seed, recorded_utc FROM results ORDER BY id";
        using var r = cmd.ExecuteReader();
        var rows = new List<RunResultRow>();
        while (r.Read())
        {
            rows.Add(new RunResultRow(r.GetString(0), r.GetString(1), r.GetDouble(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt64(6), r.GetString(7)));
        }
        return rows;
    }

    /// <summary>
    /// The latest value of each metric for runs <paramref name="a"/> and <paramref name="b"/>; a run is
    /// named by its run name or by a git-commit prefix (at least 7 characters).
    /// </summary>
    public IReadOnlyList<RunComparison> Compare(string a, string b)
    {
        var rows = Rows();
        Dictionary<string, RunResultRow> Latest(string key)
        {
            var match = rows.Where(r => r.Run == key || (key.Length >= 7 && r.GitCommit.StartsWith(key, StringComparison.Ordinal))).ToList();
            if (match.Count == 0)
            {
                throw new RunStoreException($"{Path}: no run named '{key}' and no commit starting with it; `pnn runs list` shows what is stored.");
            }
            return match.GroupBy(r => r.Metric).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        }
        var la = Latest(a);
        var lb = Latest(b);
        return [.. la.Keys.Union(lb.Keys).Order(StringComparer.Ordinal).Select(m => new RunComparison(m, (la.GetValueOrDefault(m) ?? lb[m]).Unit, la.GetValueOrDefault(m)?.Value, lb.GetValueOrDefault(m)?.Value))];
    }

    /// <inheritdoc/>
    public void Dispose() => _db.Dispose();

    private static void Check(SqliteConnection db, string path)
    {
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = "PRAGMA quick_check";
            string verdict = cmd.ExecuteScalar() as string ?? "no answer";
            if (verdict != "ok")
            {
                throw new RunStoreException($"{path}: corrupt run store (SQLite quick_check: {verdict}); it was left untouched — move it aside to start a new one.");
            }
        }
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM pragma_table_info('results')";
            using var r = cmd.ExecuteReader();
            var columns = new List<string>();
            while (r.Read())
            {
                columns.Add(r.GetString(0));
            }
            if (columns.Count > 0 && !Columns.SequenceEqual(columns))
            {
                throw new RunStoreException($"{path}: table 'results' has columns [{string.Join(", ", columns)}], expected [{string.Join(", ", Columns)}]; it was left untouched.");
            }
        }
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

/// <summary>A run store that cannot be used, naming the file and why.</summary>
public sealed class RunStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunStoreException() { }

    /// <summary>Creates the exception with a message.</summary>
    public RunStoreException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    public RunStoreException(string message, Exception inner) : base(message, inner) { }
}
