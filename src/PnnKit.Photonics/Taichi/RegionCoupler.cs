using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Diffractive;

namespace PnnKit.Photonics.Taichi;

/// <summary>
/// Output apertures of a diffractive block, each coupling the light of one square region of the output
/// plane into a single-mode waveguide that carries it on, still optical, to the interference stage
/// (Taichi's diffractive encoder feeding its interference embedding, Xu et al., Science 384, 202 (2024)).
/// The waveguide's mode is taken flat over the region (r×r pixels, normalised), so the coupled amplitude is
/// the overlap a_k = (1/r)·Σ_{p ∈ region k} E_p. By Cauchy–Schwarz |a_k|² ≤ Σ|E_p|²: the aperture is passive,
/// and the light that does not match the mode is lost. Regions are those of <see cref="DetectorRegions{T}"/>.
/// Field [batch, 2, n·n] in, [batch, 2, k] out; the adjoint spreads g_k/r over the region.
/// </summary>
public sealed class RegionCoupler<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[][] _pixels;
    private readonly T _scale;
    private int _batch = -1;

    /// <summary><paramref name="regions"/> apertures of <paramref name="regionSize"/>² pixels on an <paramref name="n"/>² plane.</summary>
    public RegionCoupler(int n, int regions, int regionSize, string name = "apertures")
    {
        var layout = new DetectorRegions<T>(n, regions, regionSize, 1.0, name);
        _pixels = [.. Enumerable.Range(0, regions).Select(k => layout.Region(k).ToArray())];
        N = n;
        Regions = regions;
        RegionSize = regionSize;
        Name = name;
        _scale = T.One / T.CreateChecked(regionSize);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Side of the plane, pixels.</summary>
    public int N { get; }

    /// <summary>Apertures (waveguides out).</summary>
    public int Regions { get; }

    /// <summary>Side of each aperture, pixels.</summary>
    public int RegionSize { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Optical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        int nn = N * N, k = Regions;
        ComplexTensor<T>.RequireField(x, nn, Name);
        _batch = x.Dim(0);
        var y = new Tensor<T>(_batch, 2, k);
        for (int b = 0; b < _batch; b++)
        {
            var row = x.Row(b);
            var o = y.Row(b);
            for (int r = 0; r < k; r++)
            {
                T re = T.Zero, im = T.Zero;
                foreach (int p in _pixels[r])
                {
                    re += row[p];
                    im += row[nn + p];
                }
                o[r] = re * _scale;
                o[k + r] = im * _scale;
            }
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        int nn = N * N, k = Regions;
        ComplexTensor<T>.RequireField(gradOutput, k, Name + " gradient");
        if (gradOutput.Dim(0) != _batch)
        {
            throw new ArgumentException($"{Name}: gradient batch {gradOutput.Dim(0)} differs from the forward batch {_batch}.", nameof(gradOutput));
        }
        var dx = new Tensor<T>(_batch, 2, nn);
        for (int b = 0; b < _batch; b++)
        {
            var g = gradOutput.Row(b);
            var d = dx.Row(b);
            for (int r = 0; r < k; r++)
            {
                T gr = g[r] * _scale, gi = g[k + r] * _scale;
                foreach (int p in _pixels[r])
                {
                    d[p] = gr;
                    d[nn + p] = gi;
                }
            }
        }
        return dx;
    }
}
