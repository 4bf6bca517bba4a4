using PnnKit.Memristive.Crossbar;

namespace PnnKit.Bench.Perf;

/// <summary>
/// IR-drop nodal analysis of one crossbar tile (issue 4): factoring the banded nodal matrix of a
/// <c>rows</c>×<c>columns</c> differential tile (<see cref="IrDropNetwork"/>, banded Cholesky), and one
/// read (two banded triangular solves) for a new input vector. Informational: time per solve.
/// </summary>
public sealed class IrDropPerfItem(int rows = 256, int columns = 256) : IPerfItem
{
    /// <summary>Wire resistance per segment for the benchmark, Ω (only sets the matrix values, not the cost).</summary>
    private const double WireOhms = 1.0;

    /// <inheritdoc/>
    public string Name => $"IR-drop solve {rows}×{columns} tile";

    /// <inheritdoc/>
    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rng = new Random(5);
        var tile = new CrossbarTile(rows, columns);
        for (int k = 0; k < tile.GPlus.Length; k++)
        {
            tile.GPlus[k] = rng.NextDouble() * WeightMapping.DefaultGMax;
            tile.GMinus[k] = rng.NextDouble() * WeightMapping.DefaultGMax;
        }
        var volts = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            volts[i] = (2 * rng.NextDouble()) - 1;
        }
        var currents = new double[columns];
        // The factorization is slow (seconds): timed once, not repeated like the solves.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var network = new IrDropNetwork(tile, WireOhms);
        var factor = new Timing(clock.Elapsed.TotalSeconds, clock.Elapsed.TotalSeconds, 1, 1);
        var solve = context.Measure(() => network.Read(volts, currents));
        string size = $"{rows}×{columns} (differential: {2 * columns} physical columns, {network.Nodes} nodes, half-bandwidth {network.HalfBandwidth})";
        return
        [
            new PerfResult($"IR-drop factorization {size}", factor.Min * 1e3, "ms", Detail: factor.ToString()),
            new PerfResult($"IR-drop solve (one input vector) {size}", solve.Min * 1e3, "ms per solve", Detail: solve.ToString()),
        ];
    }
}
