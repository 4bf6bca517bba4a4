using PnnKit.Memristive.Crossbar;

namespace PnnKit.Bench.Perf;

/// <summary>
/// IR-drop nodal analysis of one crossbar tile (issue 4): setting up the network of a
/// <c>rows</c>×<c>columns</c> differential tile (<see cref="IrDropNetwork"/>: wire-chain factors for the
/// line-relaxation preconditioner) and one read (a preconditioned conjugate-gradient solve to round-off) for
/// a new input vector. Informational: time per solve, iterations and memory (the banded Cholesky factor this
/// replaced held 1.1 GB for 256×256).
/// </summary>
public sealed class IrDropPerfItem(int rows = 256, int columns = 256) : IPerfItem
{
    /// <summary>Wire resistance per segment for the benchmark, Ω: 1 Ω, the order of a few-µm Cu line segment at a 100 nm pitch (assumption); sets the iteration count, not the cost per iteration.</summary>
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
        var setup = context.Measure(() => _ = new IrDropNetwork(tile, WireOhms));
        var network = new IrDropNetwork(tile, WireOhms);
        var solve = context.Measure(() => network.Read(volts, currents));
        string size = $"{rows}×{columns} (differential: {2 * columns} physical columns, {network.Nodes} nodes, wires {WireOhms} Ω per segment)";
        double mib = 1024.0 * 1024.0;
        return
        [
            new PerfResult($"IR-drop setup {size}", setup.Min * 1e3, "ms", Detail: $"{setup}; held {network.MemoryBytes / mib:F1} MiB"),
            new PerfResult($"IR-drop solve (one input vector) {size}", solve.Min * 1e3, "ms per solve",
                Detail: $"{solve}; {network.LastIterations} PCG iterations, until round-off stalled them at a relative residual of {network.LastRelativeResidual:E1}; work vectors {network.SolveMemoryBytes / mib:F1} MiB"),
        ];
    }
}
