using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Dynamics;

/// <summary>
/// N all-to-all coupled pendula, the simulated physical system of the physics-aware-training code
/// (Wright et al., Nature 2022; mcmahon-lab/Physics-Aware-Training): q̈ᵢ = −sin(κqᵢ) + Σⱼ Jᵢⱼ (sin(κqⱼ) −
/// sin(κqᵢ)) + eᵢ, started at rest from qᵢ(0) = xᵢ, output qᵢ(T). The trainable parameters are the
/// couplings J (used symmetrised, J ← (J + Jᵀ)/2, as the physics requires) and the drives e.
/// <para>
/// The same class is the ideal digital twin (κ = 1, no coupling error) and a fabricated instance that
/// the twin does not know: κ = 1 + η (a wrong nonlinearity) and a fixed symmetric coupling error ΔJ,
/// as the PAT example builds its "experiment". Integrated by semi-implicit (symplectic) Euler; the
/// backward pass is the exact reverse-mode derivative of that integrator.
/// </para>
/// </summary>
public sealed class CoupledPendula<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _n;
    private readonly int _steps;
    private readonly T _dt;
    private readonly T _kappa;
    private readonly T[] _couplingError;
    private T[] _trajectory = [];
    private int _batch;

    /// <summary>A system of <paramref name="oscillators"/> pendula evolving for <paramref name="duration"/> in <paramref name="steps"/> steps.</summary>
    /// <param name="oscillators">N.</param>
    /// <param name="duration">T, in units of 1/ω₀ of an uncoupled pendulum.</param>
    /// <param name="steps">Integration steps; dt = T / steps must stay ≤ 0.1 for the integrator to be accurate here.</param>
    /// <param name="rng">Initial couplings and drives.</param>
    /// <param name="nonlinearityError">η: the system's sin((1 + η)q) where the model has sin(q).</param>
    /// <param name="couplingErrorStd">Standard deviation of the symmetric coupling error ΔJ (fixed per instance), in units of the coupling scale 1/√N.</param>
    /// <param name="instanceSeed">Seed of ΔJ.</param>
    /// <param name="name">Layer name.</param>
    public CoupledPendula(int oscillators, double duration, int steps, Rng rng, double nonlinearityError = 0, double couplingErrorStd = 0, ulong instanceSeed = 0, string name = "pendula")
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(oscillators, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (!(duration > 0) || !double.IsFinite(duration))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), $"Evolution time must be finite and > 0, got {duration}.");
        }
        if (duration / steps > MaxStep)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), $"dt = T / steps = {duration / steps:G3} exceeds {MaxStep}; use at least {Math.Ceiling(duration / MaxStep)} steps.");
        }
        if (!(Math.Abs(nonlinearityError) < 1) || !(couplingErrorStd >= 0) || !double.IsFinite(couplingErrorStd))
        {
            throw new ArgumentOutOfRangeException(nameof(nonlinearityError), $"Need |η| < 1 and a finite coupling error ≥ 0; got η = {nonlinearityError}, σ_J = {couplingErrorStd}.");
        }
        _n = oscillators;
        _steps = steps;
        _dt = T.CreateChecked(duration / steps);
        _kappa = T.CreateChecked(1 + nonlinearityError);
        Name = name;
        // Couplings start at half the scale 1/√N at which the others pull on a pendulum as hard as
        // gravity does; drives start at zero.
        var j = new Tensor<T>(oscillators, oscillators);
        rng.FillNormal(j.Span, 0, 0.5 / Math.Sqrt(oscillators));
        Coupling = new Parameter<T>("coupling", j);
        Drive = new Parameter<T>("drive", new Tensor<T>(1, oscillators));
        Parameters = [Coupling, Drive];
        _couplingError = new T[oscillators * oscillators];
        if (couplingErrorStd > 0)
        {
            var normal = new T[oscillators * oscillators];
            new Rng(instanceSeed).FillNormal<T>(normal, 0, couplingErrorStd / Math.Sqrt(oscillators));
            for (int a = 0; a < oscillators; a++)
            {
                for (int b = a + 1; b < oscillators; b++)
                {
                    var e = normal[(a * oscillators) + b];
                    _couplingError[(a * oscillators) + b] = e;
                    _couplingError[(b * oscillators) + a] = e;
                }
            }
        }
    }

    /// <summary>Largest time step accepted (semi-implicit Euler on ω ≈ 1 oscillators).</summary>
    public const double MaxStep = 0.1;

    /// <summary>Couplings J, [N, N] (symmetrised when used; the diagonal has no effect).</summary>
    public Parameter<T> Coupling { get; }

    /// <summary>Constant drives e, [1, N].</summary>
    public Parameter<T> Drive { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The couplings the system actually has: (J + Jᵀ)/2 + ΔJ.</summary>
    private T[] EffectiveCoupling()
    {
        var j = Coupling.Value.Span;
        var eff = new T[_n * _n];
        T half = T.CreateChecked(0.5);
        for (int a = 0; a < _n; a++)
        {
            for (int b = 0; b < _n; b++)
            {
                eff[(a * _n) + b] = (half * (j[(a * _n) + b] + j[(b * _n) + a])) + _couplingError[(a * _n) + b];
            }
        }
        return eff;
    }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.RowLength != _n)
        {
            throw new ArgumentException($"{Name}: expected {_n} initial amplitudes per example, got {x.RowLength}.", nameof(x));
        }
        _batch = x.Rows;
        int size = _batch * _n;
        var jEff = EffectiveCoupling();
        var rowSum = RowSums(jEff);
        _trajectory = new T[(_steps + 1) * size]; // q at every step: the backward pass needs them
        x.Span.CopyTo(_trajectory);
        var v = new T[size];
        var s = new T[size];
        var acc = new T[size];
        for (int t = 0; t < _steps; t++)
        {
            var q = _trajectory.AsSpan(t * size, size);
            Acceleration(q, jEff, rowSum, s, acc);
            var next = _trajectory.AsSpan((t + 1) * size, size);
            for (int i = 0; i < size; i++)
            {
                v[i] += _dt * acc[i];
                next[i] = q[i] + (_dt * v[i]);
            }
        }
        return Tensor<T>.FromArray(_trajectory.AsSpan(_steps * size, size).ToArray(), _batch, _n);
    }

    /// <summary>a = −s − s⊙r + S·J + e with s = sin(κq), r the row sums of J (Σⱼ Jᵢⱼ(sⱼ − sᵢ) written as a product).</summary>
    private void Acceleration(ReadOnlySpan<T> q, T[] jEff, T[] rowSum, T[] s, T[] acc)
    {
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = T.Sin(_kappa * q[i]);
        }
        Gemm.Multiply(false, true, _batch, _n, _n, T.One, s, _n, jEff, _n, T.Zero, acc, _n);
        var e = Drive.Value.Span;
        for (int b = 0; b < _batch; b++)
        {
            for (int i = 0; i < _n; i++)
            {
                int k = (b * _n) + i;
                acc[k] += e[i] - (s[k] * (T.One + rowSum[i]));
            }
        }
    }

    private T[] RowSums(T[] m)
    {
        var r = new T[_n];
        for (int a = 0; a < _n; a++)
        {
            T sum = T.Zero;
            for (int b = 0; b < _n; b++)
            {
                sum += m[(a * _n) + b];
            }
            r[a] = sum;
        }
        return r;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        int size = _batch * _n;
        if (_trajectory.Length == 0 || gradOutput.Length != size)
        {
            throw new InvalidOperationException($"{Name}: Backward needs the forward pass of the same batch first.");
        }
        var jEff = EffectiveCoupling();
        var rowSum = RowSums(jEff);
        var gq = gradOutput.Span.ToArray();
        var gv = new T[size];
        var s = new T[size];
        var ga = new T[size];
        var gs = new T[size];
        var gJeff = new T[_n * _n];
        var gDrive = new T[_n];
        for (int t = _steps - 1; t >= 0; t--)
        {
            // q₊ = q + dt·v₊ and v₊ = v + dt·a(q): gradients flow back through both.
            for (int i = 0; i < size; i++)
            {
                gv[i] += _dt * gq[i];
                ga[i] = _dt * gv[i];
            }
            var q = _trajectory.AsSpan(t * size, size);
            for (int i = 0; i < size; i++)
            {
                s[i] = T.Sin(_kappa * q[i]);
            }
            // a = S·J − s⊙(1 + r) + e  ⇒  ∂L/∂s = ga·J − ga⊙(1 + r);  ∂L/∂Jᵢⱼ = Σ_b gaᵢ (sⱼ − sᵢ).
            Gemm.Multiply(false, false, _batch, _n, _n, T.One, ga, _n, jEff, _n, T.Zero, gs, _n);
            Gemm.Multiply(true, false, _n, _n, _batch, T.One, ga, _n, s, _n, T.One, gJeff, _n);
            for (int b = 0; b < _batch; b++)
            {
                for (int i = 0; i < _n; i++)
                {
                    int k = (b * _n) + i;
                    gDrive[i] += ga[k];
                    T gaSi = ga[k] * s[k];
                    for (int jj = 0; jj < _n; jj++)
                    {
                        gJeff[(i * _n) + jj] -= gaSi;
                    }
                    gs[k] -= ga[k] * (T.One + rowSum[i]);
                    gq[k] += gs[k] * _kappa * T.Cos(_kappa * q[k]);
                }
            }
        }
        var gJ = Coupling.Grad.Span;
        T half = T.CreateChecked(0.5);
        for (int a = 0; a < _n; a++)
        {
            for (int b = 0; b < _n; b++)
            {
                gJ[(a * _n) + b] += half * (gJeff[(a * _n) + b] + gJeff[(b * _n) + a]);
            }
        }
        var gE = Drive.Grad.Span;
        for (int i = 0; i < _n; i++)
        {
            gE[i] += gDrive[i];
        }
        return Tensor<T>.FromArray(gq, _batch, _n);
    }
}
