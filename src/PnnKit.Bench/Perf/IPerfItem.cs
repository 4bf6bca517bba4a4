namespace PnnKit.Bench.Perf;

/// <summary>
/// One entry of the performance suite. Add an implementation to <see cref="PerfSuite.DefaultItems"/>
/// (or pass your own list to <see cref="PerfSuite.Run(PerfOptions, TextWriter, IEnumerable{IPerfItem})"/>)
/// to extend it, e.g. an MLP training epoch against <c>python/torch_mlp_epoch.py</c> via
/// <see cref="PythonBaseline"/>.
/// </summary>
public interface IPerfItem
{
    /// <summary>Short name shown while the item runs.</summary>
    string Name { get; }

    /// <summary>Measures and returns the item's figures; the context holds options, peaks and notes.</summary>
    IEnumerable<PerfResult> Run(PerfContext context);
}
