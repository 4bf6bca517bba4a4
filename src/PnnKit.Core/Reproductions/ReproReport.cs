namespace PnnKit.Core.Reproductions;

/// <summary>
/// What a reproduction prints, as plain text lines and tables in order; the CLI renders it (Spectre.Console),
/// so the physics projects stay free of a console library.
/// </summary>
public sealed class ReproReport
{
    private readonly List<object> _blocks = [];

    /// <summary>The lines (<see cref="ReportLine"/>) and tables (<see cref="ReportTable"/>) in print order.</summary>
    public IReadOnlyList<object> Blocks => _blocks;

    /// <summary>Adds a line of text.</summary>
    public ReproReport Line(string text)
    {
        _blocks.Add(new ReportLine(null, text));
        return this;
    }

    /// <summary>Adds a line whose <paramref name="lead"/> is emphasised.</summary>
    public ReproReport Lead(string lead, string text)
    {
        _blocks.Add(new ReportLine(lead, text));
        return this;
    }

    /// <summary>Adds a table titled <paramref name="title"/> and returns it to fill.</summary>
    public ReportTable Table(string title)
    {
        var t = new ReportTable(title);
        _blocks.Add(t);
        return t;
    }

    /// <summary>Appends every block of <paramref name="other"/>.</summary>
    public ReproReport Append(ReproReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _blocks.AddRange(other._blocks);
        return this;
    }
}

/// <summary>One line of a report; <paramref name="Lead"/>, when set, is printed emphasised before the text.</summary>
public sealed record ReportLine(string? Lead, string Text);

/// <summary>A table of a report: a title, column headers, rows of cells.</summary>
public sealed class ReportTable(string title)
{
    private readonly List<string> _columns = [];
    private readonly List<IReadOnlyList<string>> _rows = [];

    /// <summary>The title printed above it.</summary>
    public string Title { get; } = title;

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The rows, each with one cell per column.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>Adds a column.</summary>
    public ReportTable AddColumn(string header)
    {
        _columns.Add(header);
        return this;
    }

    /// <summary>Adds a row; throws when it has more cells than the table has columns.</summary>
    public ReportTable AddRow(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length > _columns.Count)
        {
            throw new ArgumentException($"Table '{Title}': a row of {cells.Length} cells for {_columns.Count} columns.", nameof(cells));
        }
        _rows.Add(cells);
        return this;
    }
}

/// <summary>The units reports print energies and times in.</summary>
public static class Units
{
    /// <summary>Joules in mJ, µJ, nJ or pJ, two decimals.</summary>
    public static string Joules(double j) => j switch
    {
        >= 1e-3 => $"{j * 1e3:F2} mJ",
        >= 1e-6 => $"{j * 1e6:F2} µJ",
        >= 1e-9 => $"{j * 1e9:F2} nJ",
        _ => $"{j * 1e12:F2} pJ",
    };

    /// <summary>Seconds in s, ms, µs or ns, two decimals.</summary>
    public static string Seconds(double s) => s switch
    {
        >= 1 => $"{s:F2} s",
        >= 1e-3 => $"{s * 1e3:F2} ms",
        >= 1e-6 => $"{s * 1e6:F2} µs",
        _ => $"{s * 1e9:F2} ns",
    };

    /// <summary>Watts in W, mW, µW or nW, two decimals.</summary>
    public static string Watts(double w) => w switch
    {
        >= 1 => $"{w:F2} W",
        >= 1e-3 => $"{w * 1e3:F2} mW",
        >= 1e-6 => $"{w * 1e6:F2} µW",
        _ => $"{w * 1e9:F2} nW",
    };
}
