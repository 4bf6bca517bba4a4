namespace PnnKit.Core.Costs;

/// <summary>
/// One stage of a model (a layer at its position) while it runs: charges made inside it are kept
/// apart from same-named charges of other stages, and the stage knows whether it charged anything.
/// Dispose to leave the stage. Created by <see cref="CostLedger.BeginStage"/>.
/// </summary>
public sealed class CostStage : IDisposable
{
    private readonly CostLedger _ledger;
    private int _charges;

    internal CostStage(CostLedger ledger, CostStage? parent, string name)
    {
        _ledger = ledger;
        Parent = parent;
        Path = parent is null ? name : $"{parent.Path}/{name}";
    }

    /// <summary>The enclosing stage, or null at the top of a model.</summary>
    public CostStage? Parent { get; }

    /// <summary>Stage path, e.g. "2:crossbar2", or "1:sequential/0:adc" in a nested model.</summary>
    public string Path { get; }

    /// <summary>True once this stage (or a stage inside it) charged energy or static power, or excluded a term.</summary>
    public bool Charged => Volatile.Read(ref _charges) > 0;

    internal void Count()
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            Interlocked.Increment(ref s._charges);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _ledger.EndStage(this);
}
