namespace PnnKit.Bench.Runs;

/// <summary>The git commit of the working tree, read from .git without running git.</summary>
public static class GitInfo
{
    /// <summary>The commit hash HEAD points at, searching upward from <paramref name="start"/>; "unknown" outside a repository.</summary>
    public static string Commit(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string git = Path.Combine(dir.FullName, ".git");
            if (File.Exists(git))
            {
                // A worktree or submodule: ".git" is a file "gitdir: PATH".
                string text = File.ReadAllText(git).Trim();
                git = text.StartsWith("gitdir:", StringComparison.Ordinal) ? Path.GetFullPath(text[7..].Trim(), dir.FullName) : git;
            }
            if (!Directory.Exists(git))
            {
                continue;
            }
            string head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
            if (!head.StartsWith("ref: ", StringComparison.Ordinal))
            {
                return head;
            }
            string name = head[5..];
            foreach (string root in new[] { git, CommonDir(git) })
            {
                string refFile = Path.Combine(root, name);
                if (File.Exists(refFile))
                {
                    return File.ReadAllText(refFile).Trim();
                }
                string packed = Path.Combine(root, "packed-refs");
                if (File.Exists(packed))
                {
                    var line = File.ReadLines(packed).FirstOrDefault(l => l.EndsWith(" " + name, StringComparison.Ordinal));
                    if (line is not null)
                    {
                        return line[..line.IndexOf(' ', StringComparison.Ordinal)];
                    }
                }
            }
            return "unknown";
        }
        return "unknown";
    }

    private static string CommonDir(string git)
    {
        string file = Path.Combine(git, "commondir");
        return File.Exists(file) ? Path.GetFullPath(File.ReadAllText(file).Trim(), git) : git;
    }
}
