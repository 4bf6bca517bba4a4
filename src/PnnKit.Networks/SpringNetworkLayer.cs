using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Networks;

/// <summary>
/// A spring lattice as a layer (DESIGN.md §2): input rows are force amplitudes at the force ports,
/// outputs are the displacement components measured at the output unknowns (m). The trainable
/// parameter θ maps to bond stiffness through the bounded reparametrization of the material.
/// <see cref="Backward"/> is the in-situ adjoint: the adjoint force −∂L/∂u at the outputs gives the
/// adjoint elongations, ∂L/∂θⱼ = eⱼ e′ⱼ dk/dθ, and ∂L/∂F = −u′ at the input ports.
/// The physics runs in double precision whatever <typeparamref name="T"/> is.
/// </summary>
public sealed class SpringNetworkLayer<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SpringClassifier _ports; // reuses port validation and load assembly
    private readonly Parameter<T> _theta;
    private EquilibriumSolver? _solver;
    private double[][] _states = [];

    /// <summary>A layer on <paramref name="network"/>; θ starts from N(0, 0.5²) drawn with <paramref name="seed"/>.</summary>
    public SpringNetworkLayer(SpringNetwork network, IReadOnlyList<ForcePort> inputs, IReadOnlyList<int> outputDofs, ulong seed)
    {
        _ports = new SpringClassifier(network, inputs, outputDofs, seed);
        var theta = new Tensor<T>(network.Graph.EdgeCount);
        new Rng(seed).FillNormal<T>(theta.Span, 0, 0.5);
        _theta = new Parameter<T>("spring.theta", theta);
        Parameters = [_theta];
    }

    /// <inheritdoc/>
    public string Name => "spring network";

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Mechanical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Mechanical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The lattice.</summary>
    public SpringNetwork Network => _ports.Network;

    /// <summary>Standard deviation of additive displacement-sensing noise (m), drawn from the context's RNG; 0 by default.</summary>
    public double MeasurementNoise { get; set; }

    /// <summary>Cost model charged when the context carries a ledger.</summary>
    public NetworkCostModel Costs { get; init; } = new();

    /// <summary>Current stiffnesses k(θ).</summary>
    public double[] Stiffness()
    {
        var t = _theta.Value.Span;
        var k = new double[t.Length];
        for (int j = 0; j < k.Length; j++)
        {
            k[j] = Network.Bounds.Value(double.CreateChecked(t[j]));
        }
        return k;
    }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        int inputs = _ports.Inputs.Count, outputs = _ports.Outputs.Count;
        if (x.RowLength != inputs)
        {
            throw new ArgumentException($"{Name}: expected {inputs} force amplitudes per row, got {x.RowLength}.");
        }
        _solver = Network.Engine.Factor(Stiffness());
        _states = new double[x.Rows][];
        var y = new Tensor<T>(x.Rows, outputs);
        var f = new double[inputs];
        for (int b = 0; b < x.Rows; b++)
        {
            var row = x.Row(b);
            for (int i = 0; i < inputs; i++)
            {
                f[i] = double.CreateChecked(row[i]);
            }
            var loads = _ports.Loads(f);
            var u = _solver.Solve(loads);
            _states[b] = u;
            for (int o = 0; o < outputs; o++)
            {
                double noise = MeasurementNoise > 0 ? ctx.Rng.Normal(0, MeasurementNoise) : 0;
                y[b, o] = T.CreateChecked(u[_ports.Outputs[o]] + noise);
            }
            if (ctx.Ledger is not null)
            {
                Costs.ChargeMechanical(ctx.Ledger, loads, u);
            }
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var solver = _solver ?? throw new InvalidOperationException($"{Name}: Backward called before Forward.");
        var engine = Network.Engine;
        int inputs = _ports.Inputs.Count, outputs = _ports.Outputs.Count;
        var gx = new Tensor<T>(gradOutput.Rows, inputs);
        var gk = new double[engine.EdgeCount];
        for (int b = 0; b < gradOutput.Rows; b++)
        {
            var adjoint = new double[engine.DofCount];
            for (int o = 0; o < outputs; o++)
            {
                adjoint[_ports.Outputs[o]] -= double.CreateChecked(gradOutput[b, o]);
            }
            var ua = solver.Solve(adjoint);
            var u = _states[b];
            for (int j = 0; j < gk.Length; j++)
            {
                gk[j] += engine.Elongation(j, u) * engine.Elongation(j, ua);
            }
            for (int i = 0; i < inputs; i++)
            {
                var p = _ports.Inputs[i];
                double dldf = -((ua[engine.Dof(p.Node, 0)] * p.DirectionX) + (ua[engine.Dof(p.Node, 1)] * p.DirectionY));
                gx[b, i] = T.CreateChecked(p.Scale * dldf);
            }
        }
        var theta = _theta.Value.Span;
        var grad = _theta.Grad.Span;
        for (int j = 0; j < gk.Length; j++)
        {
            grad[j] += T.CreateChecked(gk[j] * Network.Bounds.Derivative(double.CreateChecked(theta[j])));
        }
        return gx;
    }
}
