using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Physical;

/// <summary>
/// A physical system with a budget of measured examples (hardware time is finite). A query that would
/// exceed the budget is refused before anything is measured, with <see cref="QueryBudgetExhaustedException"/>;
/// the trainer then stops cleanly after the last completed step, so the caller can checkpoint.
/// </summary>
public sealed class QueryBudget<T> : IPhysicalSystem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IPhysicalSystem<T> _system;

    /// <summary>Limits <paramref name="system"/> to <paramref name="budget"/> measured examples in all.</summary>
    public QueryBudget(IPhysicalSystem<T> system, long budget)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        _system = system;
        Budget = budget;
    }

    /// <summary>Examples that may be measured in all.</summary>
    public long Budget { get; }

    /// <inheritdoc/>
    public string Name => _system.Name;

    /// <inheritdoc/>
    public int InputSize => _system.InputSize;

    /// <inheritdoc/>
    public int OutputSize => _system.OutputSize;

    /// <inheritdoc/>
    public int ControlCount => _system.ControlCount;

    /// <inheritdoc/>
    public long QueryCount => _system.QueryCount;

    /// <inheritdoc/>
    public Tensor<T> Measure(Tensor<T> inputs, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (QueryCount + inputs.Rows > Budget)
        {
            throw new QueryBudgetExhaustedException(Name, Budget, QueryCount, inputs.Rows);
        }
        return _system.Measure(inputs, controls, ledger);
    }
}

/// <summary>A query would take a physical system past its budget of measured examples.</summary>
public sealed class QueryBudgetExhaustedException : Exception
{
    /// <summary>The system, its budget, what was used and what the refused query asked for.</summary>
    public QueryBudgetExhaustedException(string system, long budget, long used, int requested)
        : base($"{system}: query budget of {budget} measured examples exhausted ({used} used, the next query needs {requested}); training stopped after the last complete step.")
    {
        Budget = budget;
        Used = used;
    }

    /// <summary>Not used: the budget is required.</summary>
    public QueryBudgetExhaustedException()
    {
    }

    /// <summary>Not used: the budget is required.</summary>
    public QueryBudgetExhaustedException(string message)
        : base(message)
    {
    }

    /// <summary>Not used: the budget is required.</summary>
    public QueryBudgetExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Examples the budget allows.</summary>
    public long Budget { get; }

    /// <summary>Examples measured when the query was refused.</summary>
    public long Used { get; }
}
