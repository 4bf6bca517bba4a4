using System.Net;
using System.Text;

namespace PnnKit.Bench.Report;

/// <summary>A block of a report page: rendered the same way to HTML and to Markdown.</summary>
public abstract record ReportBlock;

/// <summary>A section heading.</summary>
public sealed record Heading(string Text) : ReportBlock;

/// <summary>A paragraph of plain text.</summary>
public sealed record Paragraph(string Text) : ReportBlock;

/// <summary>A table with a header row.</summary>
public sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;

/// <summary>A plot: PNG bytes, the file name it gets next to the Markdown, and a caption.</summary>
public sealed record Figure(string FileName, string Caption, byte[] Png) : ReportBlock;

/// <summary>
/// A report page. The HTML embeds every image as a base64 data URI, so the one file opens offline
/// anywhere; the Markdown links the PNG files written beside it.
/// </summary>
public sealed record ReportDocument(string Title, IReadOnlyList<ReportBlock> Blocks)
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
        table { border-collapse: collapse; margin: 1rem 0; }
        th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; }
        th { background: #f2f2f2; }
        figure { margin: 1.5rem 0; }
        img { max-width: 100%; }
        figcaption { color: #555; font-size: 0.9rem; }
        """;

    /// <summary>The self-contained HTML page.</summary>
    public string ToHtml()
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(Title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        b.Append("<h1>").Append(E(Title)).Append("</h1>\n");
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case Heading h:
                    b.Append("<h2>").Append(E(h.Text)).Append("</h2>\n");
                    break;
                case Paragraph p:
                    b.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                    break;
                case TableBlock t:
                    b.Append("<table>\n<tr>").AppendJoin("", t.Header.Select(h => $"<th>{E(h)}</th>")).Append("</tr>\n");
                    foreach (var row in t.Rows)
                    {
                        b.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{E(c)}</td>")).Append("</tr>\n");
                    }
                    b.Append("</table>\n");
                    break;
                case Figure f:
                    b.Append("<figure>\n<img alt=\"").Append(E(f.Caption)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(f.Png)).Append("\">\n<figcaption>")
                        .Append(E(f.Caption)).Append("</figcaption>\n</figure>\n");
                    break;
                default:
                    throw new InvalidOperationException($"unknown report block {block.GetType().Name}");
            }
        }
        b.Append("</body>\n</html>\n");
        return b.ToString();
    }

    /// <summary>The Markdown page; figures link their PNG files by <see cref="Figure.FileName"/>.</summary>
    public string ToMarkdown()
    {
        static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        var b = new StringBuilder();
        b.Append("# ").Append(Title).Append("\n\n");
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case Heading h:
                    b.Append("## ").Append(h.Text).Append("\n\n");
                    break;
                case Paragraph p:
                    b.Append(p.Text).Append("\n\n");
                    break;
                case TableBlock t:
                    b.Append("| ").AppendJoin(" | ", t.Header.Select(Cell)).Append(" |\n|").AppendJoin("|", t.Header.Select(_ => "---")).Append("|\n");
                    foreach (var row in t.Rows)
                    {
                        b.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
                    }
                    b.Append('\n');
                    break;
                case Figure f:
                    b.Append("![").Append(f.Caption).Append("](").Append(f.FileName).Append(")\n\n");
                    break;
                default:
                    throw new InvalidOperationException($"unknown report block {block.GetType().Name}");
            }
        }
        return b.ToString();
    }
}
