namespace PnnKit.Dynamics;

/// <summary>A cell of the grid.</summary>
/// <param name="X">Column, 0 ≤ X &lt; nx.</param>
/// <param name="Y">Row, 0 ≤ Y &lt; ny.</param>
public readonly record struct GridPoint(int X, int Y);

/// <summary>How a wave RNN's grid ends.</summary>
public enum WaveBoundary
{
    /// <summary>A graded damping layer (σ u_t): some of the wave reflects from its gradient.</summary>
    Damping,

    /// <summary>A perfectly matched layer (Grote &amp; Sim 2010).</summary>
    Pml,
}

/// <summary>
/// Configuration of a wave RNN (Hughes et al., "Wave physics as an analog recurrent neural network",
/// Sci. Adv. 5, eaay6946 (2019)). Units are normalised as in the authors' code (fancompute/wavetorch,
/// WaveCell defaults): background speed c0 = 1, design material c1 = 0.9, projection η = 0.5, β = 100,
/// absorbing layer of 20 cells with σ(d) = σ_max (d/N)^p, p = 4, σ_max = 3.
/// </summary>
public sealed record WaveRnnOptions
{
    /// <summary>Cells along x.</summary>
    public int Nx { get; init; } = 40;

    /// <summary>Cells along y.</summary>
    public int Ny { get; init; } = 40;

    /// <summary>Grid spacing h.</summary>
    public double H { get; init; } = 1.0;

    /// <summary>Time step; must satisfy dt ≤ h/(c_max √2). Default 0.5 (CFL limit ≈ 0.707 for c = 1, h = 1).</summary>
    public double Dt { get; init; } = 0.5;

    /// <summary>Background wave speed c0 (wavetorch default 1.0).</summary>
    public double BackgroundSpeed { get; init; } = 1.0;

    /// <summary>Wave speed of the second material c1 (wavetorch default 0.9).</summary>
    public double MaterialSpeed { get; init; } = 0.9;

    /// <summary>Design region: first column, first row, width, height (cells).</summary>
    public (int X, int Y, int Width, int Height) DesignRegion { get; init; } = (10, 10, 20, 20);

    /// <summary>Point source, driven by the input sequence.</summary>
    public GridPoint Source { get; init; } = new(5, 20);

    /// <summary>Probes; output i is the time-integrated intensity Σ_t u(probe_i, t)² Δt.</summary>
    public IReadOnlyList<GridPoint> Probes { get; init; } = [new(34, 13), new(34, 20), new(34, 27)];

    /// <summary>
    /// How the open domain is terminated: a damping layer σ(d) = σ_max (d/N)^p (wavetorch's, the default here, whose adjoint
    /// runs the forward scheme backwards) or the auxiliary-field <see cref="PerfectlyMatchedLayer"/> of the same width, which
    /// reflects less but, where slower design cells border it, breaks the reciprocity that adjoint relies on (its adjoint is
    /// written out step by step). <see cref="AbsorberStrength"/> and <see cref="AbsorberExponent"/> shape the damping layer
    /// only; <see cref="PmlReflection"/> the PML only.
    /// </summary>
    public WaveBoundary Boundary { get; init; } = WaveBoundary.Damping;

    /// <summary>Normal-incidence reflection R of the continuous PML, what sets its ζ_max (Collino &amp; Tsogka 2001 profile); 10⁻³ (assumption: a common design target).</summary>
    public double PmlReflection { get; init; } = 1e-3;

    /// <summary>Absorbing layer width, cells (wavetorch default 20; smaller default here for small grids).</summary>
    public int AbsorberCells { get; init; } = 6;

    /// <summary>Absorber profile exponent p (wavetorch default 4).</summary>
    public double AbsorberExponent { get; init; } = 4;

    /// <summary>Absorber peak damping σ_max (wavetorch default 3).</summary>
    public double AbsorberStrength { get; init; } = 3;

    /// <summary>Projection sharpness β (wavetorch default 100).</summary>
    public double ProjectionBeta { get; init; } = 100;

    /// <summary>Projection threshold η (wavetorch default 0.5).</summary>
    public double ProjectionEta { get; init; } = 0.5;

    /// <summary>
    /// Kerr-like coefficient K of the design material: in design cells c² is multiplied by (1 + K ρ̃ u²), the
    /// intensity-dependent speed that gives the wave RNN its nonlinearity (Hughes et al. 2019). 0 (default): linear.
    /// </summary>
    public double KerrCoefficient { get; init; }

    /// <summary>Steps between stored checkpoints in the adjoint pass; 0 for ⌈√steps⌉ (memory O(√T) fields).</summary>
    public int CheckpointInterval { get; init; }
}
