namespace PnnKit.Networks;

/// <summary>
/// A supervised equilibrium task on one example: loads on the unknowns, held values at prescribed
/// unknowns (inputs imposed as displacements or voltages), and targets for the output unknowns. The
/// loss is L = ½ Σₒ (uₒ − targetₒ)².
/// </summary>
public sealed record EquilibriumExample(double[] Loads, double[] Held, int[] Prescribed, int[] Outputs, double[] Targets);

/// <summary>A gradient estimate with the number of physical equilibria it needed.</summary>
public sealed record GradientEstimate(double[] Gradient, double Loss, int Equilibria);

/// <summary>
/// Three ways a physical equilibrium network computes dL/dk from states it can measure.
/// <list type="bullet">
/// <item>In-situ backpropagation (Li &amp; Mao, Nat. Commun. 15, 2024): apply the adjoint force
/// −∂L/∂u at the outputs, measure the adjoint elongations e′; then ∂L/∂kⱼ = eⱼ e′ⱼ exactly.
/// Derivation: D u = f ⇒ ∂u/∂kⱼ = −D⁻¹ cⱼ cⱼᵀ u, so ∂L/∂kⱼ = −(D⁻¹ ∂L/∂u)·cⱼ eⱼ = (cⱼ·u′) eⱼ with
/// u′ = D⁻¹(−∂L/∂u) the response to the adjoint force.</item>
/// <item>Equilibrium propagation, centred (Scellier &amp; Bengio, Front. Comput. Neurosci. 2017; the
/// symmetric ±β estimator of Laborieux et al. 2021): nudge the outputs with the force −β ∂L/∂u
/// (grounded springs of stiffness β pulling toward the targets); ∂L/∂kⱼ ≈ (eⱼ(β)² − eⱼ(−β)²)/(4β),
/// error O(β²).</item>
/// <item>Coupled learning (Stern, Hexner, Rocks &amp; Liu, PRX 11, 021045, 2021): free state with the
/// outputs floating, clamped state with the outputs held at u_F + η(target − u_F); the local rule
/// Δkⱼ ∝ −(1/η)(e_C,ⱼ² − e_F,ⱼ²)/2. As η → 0 it is the gradient of the cost weighted by the network's
/// output stiffness; with a single output that is the true gradient times a positive factor.</item>
/// </list>
/// </summary>
public static class EquilibriumLearning
{
    /// <summary>The loss ½ Σ (uₒ − tₒ)² of state <paramref name="u"/>.</summary>
    public static double Loss(EquilibriumExample ex, ReadOnlySpan<double> u)
    {
        ArgumentNullException.ThrowIfNull(ex);
        double l = 0;
        for (int o = 0; o < ex.Outputs.Length; o++)
        {
            double d = u[ex.Outputs[o]] - ex.Targets[o];
            l += 0.5 * d * d;
        }
        return l;
    }

    /// <summary>The free equilibrium state.</summary>
    public static double[] Free(EquilibriumNetwork net, ReadOnlySpan<double> k, EquilibriumExample ex)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(ex);
        CheckOutputs(net, ex);
        return net.Factor(k, ex.Prescribed).Solve(ex.Loads, ex.Held);
    }

    /// <summary>In-situ backpropagation: two equilibria (forward and adjoint), exact gradient.</summary>
    public static GradientEstimate InSitu(EquilibriumNetwork net, ReadOnlySpan<double> k, EquilibriumExample ex)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(ex);
        CheckOutputs(net, ex);
        var solver = net.Factor(k, ex.Prescribed);
        var u = solver.Solve(ex.Loads, ex.Held);
        var adjointForce = new double[net.DofCount];
        for (int o = 0; o < ex.Outputs.Length; o++)
        {
            adjointForce[ex.Outputs[o]] -= u[ex.Outputs[o]] - ex.Targets[o];
        }
        var ua = solver.Solve(adjointForce); // held unknowns stay at zero in the adjoint problem
        var g = new double[net.EdgeCount];
        for (int j = 0; j < g.Length; j++)
        {
            g[j] = net.Elongation(j, u) * net.Elongation(j, ua);
        }
        return new GradientEstimate(g, Loss(ex, u), 2);
    }

    /// <summary>Centred equilibrium propagation with nudging strength <paramref name="beta"/>: three equilibria (free for the loss, ±β).</summary>
    public static GradientEstimate EquilibriumPropagation(EquilibriumNetwork net, ReadOnlySpan<double> k, EquilibriumExample ex, double beta)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(ex);
        if (!(beta > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), $"β must be positive, got {beta}.");
        }
        var free = Free(net, k, ex);
        var plus = Nudged(net, k, ex, beta);
        var minus = Nudged(net, k, ex, -beta);
        var g = new double[net.EdgeCount];
        for (int j = 0; j < g.Length; j++)
        {
            double ep = net.Elongation(j, plus), em = net.Elongation(j, minus);
            g[j] = ((ep * ep) - (em * em)) / (4 * beta);
        }
        return new GradientEstimate(g, Loss(ex, free), 3);
    }

    /// <summary>Coupled learning with clamping strength <paramref name="eta"/>: the estimate (e_C² − e_F²)/(2η) per edge (descend along it).</summary>
    public static GradientEstimate Coupled(EquilibriumNetwork net, ReadOnlySpan<double> k, EquilibriumExample ex, double eta)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(ex);
        if (!(eta > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eta), $"η must be positive, got {eta}.");
        }
        var free = Free(net, k, ex);
        var held = (double[])ex.Held.Clone();
        for (int o = 0; o < ex.Outputs.Length; o++)
        {
            int d = ex.Outputs[o];
            held[d] = free[d] + (eta * (ex.Targets[o] - free[d]));
        }
        var clamped = net.Factor(k, ex.Prescribed.Concat(ex.Outputs)).Solve(ex.Loads, held);
        var g = new double[net.EdgeCount];
        for (int j = 0; j < g.Length; j++)
        {
            double ec = net.Elongation(j, clamped), ef = net.Elongation(j, free);
            g[j] = ((ec * ec) - (ef * ef)) / (2 * eta);
        }
        return new GradientEstimate(g, Loss(ex, free), 2);
    }

    private static double[] Nudged(EquilibriumNetwork net, ReadOnlySpan<double> k, EquilibriumExample ex, double beta)
    {
        var springs = new double[net.DofCount];
        var loads = (double[])ex.Loads.Clone();
        for (int o = 0; o < ex.Outputs.Length; o++)
        {
            springs[ex.Outputs[o]] += beta;
            loads[ex.Outputs[o]] += beta * ex.Targets[o];
        }
        return net.Factor(k, ex.Prescribed, SolverKind.Auto, springs).Solve(loads, ex.Held);
    }

    private static void CheckOutputs(EquilibriumNetwork net, EquilibriumExample ex)
    {
        if (ex.Targets.Length != ex.Outputs.Length)
        {
            throw new NetworkException($"{ex.Outputs.Length} outputs but {ex.Targets.Length} targets.");
        }
        foreach (int d in ex.Outputs)
        {
            int node = d / net.DofsPerNode;
            if (net.Graph.IsFixed(node))
            {
                throw new NetworkException($"Output node {node} is also fixed: its value is always zero and cannot be trained.");
            }
            if (ex.Prescribed.Contains(d))
            {
                throw new NetworkException($"Output {net.DescribeDof(d)} is also an imposed input.");
            }
        }
    }
}
