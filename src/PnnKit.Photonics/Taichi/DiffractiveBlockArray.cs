using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Costs;
using PnnKit.Photonics.Diffractive;

namespace PnnKit.Photonics.Taichi;

/// <summary>
/// Taichi's distributed diffractive encoder (Xu et al., Science 384, 202 (2024)): the image is split into
/// B = g² tiles and each tile is written (amplitude modulators) onto its own small diffractive block, run in
/// parallel: free space, phase mask, …, free space (<see cref="AngularSpectrumPropagation{T}"/>,
/// <see cref="PhaseMask{T}"/>), then k output apertures couple the light into waveguides
/// (<see cref="RegionCoupler{T}"/>). The B·k waveguides, block-major, are the interference stage's input modes.
/// Images [batch, s²] in (digital), fields [batch, 2, B·k] out (optical). The blocks are passive: the light out
/// is at most the light in. Charges the input modulators with their DACs and the laser light of every input
/// pixel (<see cref="PhotonicCostModel"/>), and the free-space delay of one block.
/// </summary>
public sealed class DiffractiveBlockArray<T> : IContainerLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Sequential<T>[] _blocks;
    private int _batch = -1;

    /// <summary>The blocks of <paramref name="geometry"/>; mask phases uniform in [0, 2π) from <paramref name="rng"/>, or flat when null.</summary>
    public DiffractiveBlockArray(TaichiGeometry geometry, Rng? rng = null, string name = "diffractive-blocks")
    {
        ArgumentNullException.ThrowIfNull(geometry);
        geometry.Validate();
        Geometry = geometry;
        Name = name;
        int n = geometry.GridSide;
        _blocks = new Sequential<T>[geometry.Blocks];
        for (int b = 0; b < _blocks.Length; b++)
        {
            var layers = new List<ILayer<T>> { new ImagePlane<T>(geometry.TileSide, 1, n, $"block{b}.input") };
            for (int l = 0; l < geometry.MaskLayers; l++)
            {
                layers.Add(Propagation(geometry, $"block{b}.free-space{l}"));
                layers.Add(new PhaseMask<T>(n, rng?.Split($"block{b}.mask{l}"), $"block{b}.mask{l}"));
            }
            layers.Add(Propagation(geometry, $"block{b}.free-space{geometry.MaskLayers}"));
            layers.Add(new RegionCoupler<T>(n, geometry.Apertures, geometry.ApertureSize, $"block{b}.apertures"));
            _blocks[b] = new Sequential<T>([.. layers]);
        }
        Parameters = [.. _blocks.SelectMany(s => s.Parameters)];
    }

    private static AngularSpectrumPropagation<T> Propagation(TaichiGeometry g, string name) =>
        new(g.GridSide, g.Pitch, g.Wavelength, g.PlaneSpacing, name: name);

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The geometry.</summary>
    public TaichiGeometry Geometry { get; }

    /// <summary>Output waveguides, B·k.</summary>
    public int Outputs => Geometry.Blocks * Geometry.Apertures;

    /// <summary>The phase masks of every block, block-major.</summary>
    public IEnumerable<PhaseMask<T>> Masks => _blocks.SelectMany(s => s.Layers.OfType<PhaseMask<T>>());

    /// <summary>Cost model of the input modulators, DACs and laser.</summary>
    public PhotonicCostModel CostModel { get; init; } = PhotonicCostModel.Default;

    /// <summary>Optical delay through one block, s: (masks + 1) plane spacings at the speed of light (free space, as modelled).</summary>
    public double DelaySeconds => (Geometry.MaskLayers + 1) * Geometry.PlaneSpacing / 299_792_458.0;

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <inheritdoc/>
    public IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters()
    {
        for (int b = 0; b < _blocks.Length; b++)
        {
            foreach (var (name, p) in _blocks[b].NamedParameters())
            {
                yield return ($"block{b}/{name}", p);
            }
        }
    }

    /// <inheritdoc/>
    public IEnumerable<(string Name, Tensor<T> Buffer)> NamedBuffers() => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        var g = Geometry;
        int s = g.ImageSide, t = g.TileSide, k = g.Apertures, outputs = Outputs;
        if (x.Rank != 2 || x.Dim(1) != s * s)
        {
            throw new ArgumentException($"{Name}: input must be images [batch, {s * s}] ({s}×{s}); got [{string.Join(", ", x.Shape.ToArray())}].", nameof(x));
        }
        _batch = x.Dim(0);
        // The blocks run without the ledger: this layer charges them as one converter stage.
        var inner = new ForwardContext(ctx.Mode, ctx.Rng) { AgeSeconds = ctx.AgeSeconds, TemperatureKelvin = ctx.TemperatureKelvin };
        var y = new Tensor<T>(_batch, 2, outputs);
        var tile = new Tensor<T>(_batch, t * t);
        for (int b = 0; b < _blocks.Length; b++)
        {
            int r0 = b / g.BlocksPerSide * t, c0 = b % g.BlocksPerSide * t;
            for (int i = 0; i < _batch; i++)
            {
                var img = x.Row(i);
                var dst = tile.Row(i);
                for (int r = 0; r < t; r++)
                {
                    img.Slice(((r0 + r) * s) + c0, t).CopyTo(dst.Slice(r * t, t));
                }
            }
            var field = _blocks[b].Forward(tile, inner);
            for (int i = 0; i < _batch; i++)
            {
                var src = field.Row(i);
                var dst = y.Row(i);
                src[..k].CopyTo(dst.Slice(b * k, k));
                src[k..].CopyTo(dst.Slice(outputs + (b * k), k));
            }
        }
        if (ctx.Ledger is { } ledger)
        {
            int pixels = g.Blocks * t * t;
            CostModel.ChargeModulators(ledger, $"{Name} input", pixels, _batch);
            long symbols = (long)pixels * _batch;
            CostModel.ChargeLight(ledger, Name, symbols, DelaySeconds);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var g = Geometry;
        int s = g.ImageSide, t = g.TileSide, k = g.Apertures, outputs = Outputs;
        ComplexTensor<T>.RequireField(gradOutput, outputs, Name + " gradient");
        if (gradOutput.Dim(0) != _batch)
        {
            throw new ArgumentException($"{Name}: gradient batch {gradOutput.Dim(0)} differs from the forward batch {_batch}.", nameof(gradOutput));
        }
        var dx = new Tensor<T>(_batch, s * s);
        var gBlock = new Tensor<T>(_batch, 2, k);
        for (int b = 0; b < _blocks.Length; b++)
        {
            for (int i = 0; i < _batch; i++)
            {
                var src = gradOutput.Row(i);
                var dst = gBlock.Row(i);
                src.Slice(b * k, k).CopyTo(dst[..k]);
                src.Slice(outputs + (b * k), k).CopyTo(dst[k..]);
            }
            var dTile = _blocks[b].Backward(gBlock);
            int r0 = b / g.BlocksPerSide * t, c0 = b % g.BlocksPerSide * t;
            for (int i = 0; i < _batch; i++)
            {
                var src = dTile.Row(i);
                var d = dx.Row(i);
                for (int r = 0; r < t; r++)
                {
                    src.Slice(r * t, t).CopyTo(d.Slice(((r0 + r) * s) + c0, t));
                }
            }
        }
        return dx;
    }
}
