namespace PnnKit.Photonics.Taichi;

/// <summary>
/// Shape of a Taichi-style network (Xu et al., "Large-scale photonic chiplet Taichi empowers 160-TOPS/W artificial
/// general intelligence", Science 384, 202 (2024)): the image is split into <see cref="Blocks"/> tiles, each read by
/// its own small diffractive block (phase masks and free space), whose output apertures couple into the waveguides
/// of an MZI interference stage; <see cref="Chiplets"/> such stages are cascaded, each ending in photodetectors whose
/// readings drive the next one's modulators. The paper's chiplets diffract in on-chip slab waveguides; here a
/// block is a 2-D angular-spectrum diffractive unit (the substrate's <c>Diffractive</c> parts), a stand-in.
/// </summary>
public sealed record TaichiGeometry
{
    /// <summary>Side of the input image, pixels: 28 (MNIST, Fashion-MNIST).</summary>
    public int ImageSide { get; init; } = 28;

    /// <summary>Blocks along each side of the image (the image is split into this² tiles); must divide <see cref="ImageSide"/>.</summary>
    public int BlocksPerSide { get; init; } = 4;

    /// <summary>Phase masks per diffractive block: 2 (assumption: a shallow block, as the paper's "shallow, broad" design argues).</summary>
    public int MaskLayers { get; init; } = 2;

    /// <summary>Output apertures (waveguides to the interference stage) per block; 0: max(1, min(16, ⌊64 / blocks⌋)), so up to 64 blocks fill one 64-mode interference unit.</summary>
    public int AperturesPerBlock { get; init; }

    /// <summary>Side of a block's plane over the side of its tile: 2 (assumption: a dark margin of half a tile on each side lets light spread).</summary>
    public int GridFactor { get; init; } = 2;

    /// <summary>Wavelength, m: 1550 nm (assumption: the telecom C band of silicon photonic chips).</summary>
    public double Wavelength { get; init; } = 1.55e-6;

    /// <summary>Pixel pitch of the masks, m: 1 µm (assumption: micrometre-scale diffractive features, above λ/2 so no evanescent pixels).</summary>
    public double Pitch { get; init; } = 1e-6;

    /// <summary>Distance between planes in widths of the block's plane: 1 (assumption: light from one pixel spreads over the whole block between planes).</summary>
    public double SpacingInPlaneWidths { get; init; } = 1.0;

    /// <summary>Mesh stages (chiplets) in the cascade: 2 (the first combines the blocks, the second decodes to the classes).</summary>
    public int Chiplets { get; init; } = 2;

    /// <summary>Classes (output detectors of the last chiplet).</summary>
    public int Classes { get; init; } = 10;

    /// <summary>Number of diffractive blocks, <see cref="BlocksPerSide"/>².</summary>
    public int Blocks => BlocksPerSide * BlocksPerSide;

    /// <summary>Side of each block's tile of the image, pixels.</summary>
    public int TileSide => ImageSide / BlocksPerSide;

    /// <summary>Side of each block's plane, pixels.</summary>
    public int GridSide => GridFactor * TileSide;

    /// <summary>Distance between planes, m.</summary>
    public double PlaneSpacing => SpacingInPlaneWidths * GridSide * Pitch;

    /// <summary>Apertures per block actually used.</summary>
    public int Apertures => AperturesPerBlock > 0 ? AperturesPerBlock : Math.Max(1, Math.Min(16, 64 / Blocks));

    /// <summary>Side of each aperture, pixels: the largest that fits the aperture grid (gaps of one aperture).</summary>
    public int ApertureSize
    {
        get
        {
            int cols = (int)Math.Ceiling(Math.Sqrt(Apertures));
            return Math.Max(1, GridSide / (2 * cols));
        }
    }

    /// <summary>Waveguides out of the blocks (all blocks' apertures), the modes of the interference stage when one unit holds them.</summary>
    public int Modes => Blocks * Apertures;

    /// <summary>
    /// Meshes of the last chiplet: one while the classes fit its modes, else ⌈classes / modes⌉ meshes side by side fed the
    /// same modes through a splitter tree (<see cref="Meshes.MeshBank{T}"/>), e.g. 26 units of 64 modes for Omniglot's 1,623 classes.
    /// </summary>
    public int OutputUnits => (Classes + Modes - 1) / Modes;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first parameter out of its range.</summary>
    public void Validate()
    {
        Require(ImageSide >= 2, nameof(ImageSide), ImageSide, "≥ 2");
        Require(BlocksPerSide >= 1 && BlocksPerSide <= ImageSide && ImageSide % BlocksPerSide == 0, nameof(BlocksPerSide), BlocksPerSide, $"a divisor of ImageSide = {ImageSide}");
        Require(MaskLayers >= 1 && MaskLayers <= 8, nameof(MaskLayers), MaskLayers, "1–8");
        Require(AperturesPerBlock >= 0 && AperturesPerBlock <= 64, nameof(AperturesPerBlock), AperturesPerBlock, "0 (automatic) or 1–64");
        Require(GridFactor >= 1 && GridFactor <= 4, nameof(GridFactor), GridFactor, "1–4");
        Require(GridSide >= 2, nameof(GridFactor), GridFactor, $"a plane of ≥ 2 pixels (tile side {TileSide})");
        Require(double.IsFinite(Wavelength) && Wavelength >= 100e-9 && Wavelength <= 1e-3, nameof(Wavelength), Wavelength, "100 nm – 1 mm");
        Require(double.IsFinite(Pitch) && Pitch > Wavelength / 2 && Pitch <= 1e-3, nameof(Pitch), Pitch, $"(λ/2 = {Wavelength / 2:G3} m, 1 mm]");
        Require(double.IsFinite(SpacingInPlaneWidths) && SpacingInPlaneWidths > 0 && SpacingInPlaneWidths <= 100, nameof(SpacingInPlaneWidths), SpacingInPlaneWidths, "(0, 100]");
        Require(Chiplets >= 1 && Chiplets <= 8, nameof(Chiplets), Chiplets, "1–8");
        Require(Classes >= 2 && Classes <= 4096, nameof(Classes), Classes, "2–4096");
    }

    private static void Require(bool ok, string name, double value, string range)
    {
        if (!ok)
        {
            throw new ArgumentException($"Taichi geometry: {name} must be {range}; got {value}.", name);
        }
    }
}
