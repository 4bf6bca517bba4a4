using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// Batch normalisation per channel (Ioffe &amp; Szegedy 2015), like PyTorch's nn.BatchNorm2d on
/// [batch, C, H, W] and nn.BatchNorm1d on [batch, C]: y = γ·(x − μ)/√(σ² + ε) + β.
/// <para>Training normalises with the batch statistics (biased variance) and updates the running
/// estimates as PyTorch does: r ← (1 − momentum)·r + momentum·s, with the unbiased variance for the
/// running one. Evaluation (<see cref="ForwardContext.IsTraining"/> false) uses the running estimates,
/// which makes the layer an affine map per channel, as ONNX BatchNormalization computes it.</para>
/// <para>The running estimates are not parameters, so optimizers do not touch them; they are buffers
/// (<see cref="IBufferedLayer{T}"/>), which a checkpoint carries beside the parameters.</para>
/// </summary>
public sealed class BatchNorm2d<T> : IBufferedLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _normalised;
    private T[]? _invStd;

    /// <summary>Normalises <paramref name="channels"/> channels; ε and momentum as PyTorch's defaults.</summary>
    public BatchNorm2d(int channels, double epsilon = 1e-5, double momentum = 0.1, string name = "batchnorm")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"{name}: epsilon must be finite and > 0, got {epsilon}.");
        }
        if (momentum is < 0 or > 1 || double.IsNaN(momentum))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), $"{name}: momentum must be in [0, 1], got {momentum}.");
        }
        Channels = channels;
        Epsilon = epsilon;
        Momentum = momentum;
        Name = name;
        Scale = new Parameter<T>("scale", new Tensor<T>(channels));
        Scale.Value.Fill(T.One);
        Shift = new Parameter<T>("shift", new Tensor<T>(channels));
        RunningMean = new Tensor<T>(channels);
        RunningVariance = new Tensor<T>(channels);
        RunningVariance.Fill(T.One);
        Parameters = [Scale, Shift];
        Buffers = [("running_mean", RunningMean), ("running_var", RunningVariance)];
    }

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, Tensor<T> Value)> Buffers { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Channels C.</summary>
    public int Channels { get; }

    /// <summary>ε added to the variance.</summary>
    public double Epsilon { get; }

    /// <summary>Weight of the newest batch in the running estimates.</summary>
    public double Momentum { get; }

    /// <summary>γ, shape [C], initially 1.</summary>
    public Parameter<T> Scale { get; }

    /// <summary>β, shape [C], initially 0.</summary>
    public Parameter<T> Shift { get; }

    /// <summary>Running mean, shape [C], initially 0; updated by each training pass.</summary>
    public Tensor<T> RunningMean { get; }

    /// <summary>Running (unbiased) variance, shape [C], initially 1; updated by each training pass.</summary>
    public Tensor<T> RunningVariance { get; }

    /// <summary>
    /// How the arithmetic is costed: one multiply and one add per element (scale and shift folded),
    /// plus in training two adds and one multiply per element for the batch statistics.
    /// </summary>
    public DigitalCostModel CostModel { get; init; } = new();

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        if (x.Rank is not (2 or 4) || x.Dim(1) != Channels)
        {
            throw new ArgumentException($"{Name}: expects input of shape [batch, {Channels}, H, W] or [batch, {Channels}], got {ImageShape.Format(x.Shape)}.", nameof(x));
        }
        int n = x.Dim(0), pixels = x.Rank == 4 ? x.Dim(2) * x.Dim(3) : 1;
        long count = (long)n * pixels;
        var y = Tensor<T>.ZerosLike(x);
        if (ctx.IsTraining)
        {
            if (count < 2)
            {
                throw new ArgumentException($"{Name}: training needs more than one value per channel to estimate a variance, got input {ImageShape.Format(x.Shape)}.", nameof(x));
            }
            var normalised = Tensor<T>.ZerosLike(x);
            var invStd = new T[Channels];
            // Channels are independent, so running them in parallel cannot change any result.
            BatchParallel.For(Channels, count, c => Normalise(x.Data, y.Data, normalised.Data, invStd, c, n, pixels));
            (_normalised, _invStd) = (normalised, invStd);
        }
        else
        {
            (_normalised, _invStd) = (null, null);
            BatchParallel.For(Channels, count, c =>
            {
                T inv = T.One / T.Sqrt(RunningVariance[c] + T.CreateChecked(Epsilon));
                T a = Scale.Value[c] * inv, b = Shift.Value[c] - (a * RunningMean[c]);
                for (int s = 0; s < n; s++)
                {
                    int at = ((s * Channels) + c) * pixels;
                    for (int p = at; p < at + pixels; p++)
                    {
                        y[p] = (a * x[p]) + b;
                    }
                }
            });
        }
        if (ctx.Ledger is not null)
        {
            int stats = ctx.IsTraining ? 1 : 0;
            CostModel.ChargeElementwise(ctx.Ledger, Name, x.Length * (1L + (2 * stats)), x.Length * (1L + stats));
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_normalised is not { } xhat || _invStd is not { } invStd)
        {
            throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        }
        ImageShape.RequireGradShape(Name, gradOutput, xhat.Shape);
        int n = xhat.Dim(0), pixels = xhat.Rank == 4 ? xhat.Dim(2) * xhat.Dim(3) : 1;
        T m = T.CreateChecked((long)n * pixels);
        var dx = Tensor<T>.ZerosLike(xhat);
        var g = gradOutput.Data;
        BatchParallel.For(Channels, (long)n * pixels, c =>
        {
            // Through the batch statistics: dx = γ/(M·σ̂)·(M·g − Σg − x̂·Σ(g·x̂)).
            T sumG = T.Zero, sumGx = T.Zero;
            for (int s = 0; s < n; s++)
            {
                int at = ((s * Channels) + c) * pixels;
                for (int p = at; p < at + pixels; p++)
                {
                    sumG += g[p];
                    sumGx += g[p] * xhat[p];
                }
            }
            Scale.Grad[c] += sumGx;
            Shift.Grad[c] += sumG;
            T k = Scale.Value[c] * invStd[c] / m;
            for (int s = 0; s < n; s++)
            {
                int at = ((s * Channels) + c) * pixels;
                for (int p = at; p < at + pixels; p++)
                {
                    dx[p] = k * ((m * g[p]) - sumG - (xhat[p] * sumGx));
                }
            }
        });
        return dx;
    }

    /// <summary>Batch statistics of channel <paramref name="c"/>, its normalised values and output, and the running-estimate update.</summary>
    private void Normalise(T[] x, T[] y, T[] normalised, T[] invStd, int c, int n, int pixels)
    {
        long count = (long)n * pixels;
        // Two passes in double: the variance of float activations keeps its digits.
        double sum = 0;
        for (int s = 0; s < n; s++)
        {
            int at = ((s * Channels) + c) * pixels;
            for (int p = at; p < at + pixels; p++)
            {
                sum += double.CreateTruncating(x[p]);
            }
        }
        double mean = sum / count, squares = 0;
        for (int s = 0; s < n; s++)
        {
            int at = ((s * Channels) + c) * pixels;
            for (int p = at; p < at + pixels; p++)
            {
                double d = double.CreateTruncating(x[p]) - mean;
                squares += d * d;
            }
        }
        double variance = squares / count;
        double inv = 1 / Math.Sqrt(variance + Epsilon);
        invStd[c] = T.CreateChecked(inv);
        T mu = T.CreateChecked(mean), sigmaInv = invStd[c], gamma = Scale.Value[c], beta = Shift.Value[c];
        for (int s = 0; s < n; s++)
        {
            int at = ((s * Channels) + c) * pixels;
            for (int p = at; p < at + pixels; p++)
            {
                T v = (x[p] - mu) * sigmaInv;
                normalised[p] = v;
                y[p] = (gamma * v) + beta;
            }
        }
        double unbiased = squares / (count - 1);
        RunningMean[c] = T.CreateChecked(((1 - Momentum) * double.CreateTruncating(RunningMean[c])) + (Momentum * mean));
        RunningVariance[c] = T.CreateChecked(((1 - Momentum) * double.CreateTruncating(RunningVariance[c])) + (Momentum * unbiased));
    }
}
