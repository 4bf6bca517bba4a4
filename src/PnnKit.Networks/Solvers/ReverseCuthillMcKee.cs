namespace PnnKit.Networks.Solvers;

/// <summary>
/// Reverse Cuthill–McKee bandwidth-reducing ordering (Cuthill &amp; McKee 1969; George 1971), started
/// from a pseudo-peripheral node of each connected component (George &amp; Liu 1979). A banded
/// ordering: one of the <see cref="CholeskyOrdering"/> choices, kept as a reference for nested dissection.
/// </summary>
public static class ReverseCuthillMcKee
{
    /// <summary>The permutation: perm[newIndex] = oldIndex.</summary>
    public static int[] Order(SparseMatrix a)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.Size;
        var degree = new int[n];
        for (int i = 0; i < n; i++)
        {
            degree[i] = a.RowStart[i + 1] - a.RowStart[i];
        }
        var visited = new bool[n];
        var order = new List<int>(n);
        var level = new int[n];
        var neighbours = new List<int>();
        for (int seed = 0; seed < n; seed++)
        {
            if (visited[seed])
            {
                continue;
            }
            int start = PseudoPeripheral(a, seed, degree, level);
            int head = order.Count;
            order.Add(start);
            visited[start] = true;
            while (head < order.Count)
            {
                int v = order[head++];
                neighbours.Clear();
                for (int p = a.RowStart[v]; p < a.RowStart[v + 1]; p++)
                {
                    int w = a.Columns[p];
                    if (!visited[w])
                    {
                        visited[w] = true;
                        neighbours.Add(w);
                    }
                }
                neighbours.Sort((x, y) => degree[x] != degree[y] ? degree[x].CompareTo(degree[y]) : x.CompareTo(y));
                order.AddRange(neighbours);
            }
        }
        order.Reverse();
        return [.. order];
    }

    private static int PseudoPeripheral(SparseMatrix a, int start, int[] degree, int[] level)
    {
        int node = start;
        int eccentricity = -1;
        for (int iter = 0; iter < 8; iter++)
        {
            var (last, ecc) = Bfs(a, node, level, degree);
            if (ecc <= eccentricity)
            {
                break;
            }
            eccentricity = ecc;
            node = last;
        }
        return node;
    }

    private static (int Last, int Eccentricity) Bfs(SparseMatrix a, int root, int[] level, int[] degree)
    {
        var queue = new Queue<int>();
        var touched = new List<int> { root };
        level[root] = 1;
        queue.Enqueue(root);
        int last = root, maxLevel = 1;
        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            for (int p = a.RowStart[v]; p < a.RowStart[v + 1]; p++)
            {
                int w = a.Columns[p];
                if (level[w] == 0)
                {
                    level[w] = level[v] + 1;
                    touched.Add(w);
                    queue.Enqueue(w);
                    if (level[w] > maxLevel || (level[w] == maxLevel && degree[w] < degree[last]))
                    {
                        maxLevel = level[w];
                        last = w;
                    }
                }
            }
        }
        foreach (int t in touched)
        {
            level[t] = 0;
        }
        return (last, maxLevel);
    }
}
