namespace PnnKit.Photonics.Meshes;

/// <summary>
/// Thermal crosstalk over the physical layout of a mesh: heat from every heater j raises the
/// temperature at heater i, so the phase of i picks up Σ_j K(d_ij)·φ_j, with d_ij the distance
/// between the heaters and φ_j the phase heater j is driven to hold, wrapped to [0, 2π) (a
/// thermo-optic shifter's phase is proportional to its power, φ = π·P/P_π, so the wrapped phase is
/// the power in units of P_π/π). The kernel decays exponentially, K(d) = A·exp(−d/L): the
/// far field of a line heater on a film over a heat-sinking substrate decays like the slab's lowest
/// conduction mode, exp(−π·d/(2h)) for a film of thickness h (assumption: one effective decay length
/// for the whole stack). The map is linear and symmetric (K_ij = K_ji), so its adjoint is itself.
/// <para>Layout (Clements or Reck cells in columns): MZI (column c, top mode m) has its external φ
/// heater at x = c·Λ, its internal θ heater at x = (c + ½)·Λ, both on the waveguide of mode m at
/// y = m·p. Neighbouring MZIs of a column sit two modes apart, 2p = 50 µm. The output phase
/// screen's heaters are left out (assumption: they are staggered along x on real chips, and on a
/// last mesh before intensity detection their crosstalk is invisible).</para>
/// </summary>
public sealed record ThermalCrosstalk
{
    /// <summary>
    /// Fraction of a heater's phase that reaches the nearest heater, 50 µm away: 0.03 (a few percent
    /// at tens-of-µm heater pitch, Milanizadeh et al., J. Lightwave Technol. 37, 1325 (2019)).
    /// </summary>
    public const double DefaultNearestCoupling = 0.03;

    /// <summary>Distance between neighbouring MZIs of a column, m: 50 µm, the pitch at which <see cref="DefaultNearestCoupling"/> is quoted.</summary>
    public const double NearestDistanceMeters = 50e-6;

    /// <summary>Waveguide (mode) pitch, m: 25 µm, so neighbouring MZIs of a Clements column, two modes apart, sit at 50 µm (assumption, a compact mesh).</summary>
    public const double DefaultModePitchMeters = NearestDistanceMeters / 2;

    /// <summary>Column pitch (one MZI cell), m: 300 µm, the cell length the photonic cost model assumes for its optical delay (assumption).</summary>
    public const double DefaultColumnPitchMeters = 300e-6;

    /// <summary>
    /// Default decay length L, m: K(50 µm) = exp(−50 µm / L) = 0.03 gives L = 50 µm / ln(1/0.03) ≈ 14.26 µm
    /// (calibrated to Milanizadeh et al. 2019's few percent at 50 µm; then K(100 µm) = 0.03² ≈ 9·10⁻⁴).
    /// </summary>
    public static double DefaultDecayLengthMeters { get; } = NearestDistanceMeters / Math.Log(1 / DefaultNearestCoupling);

    /// <summary>Couplings below this fraction of the self term are dropped (keeps the map sparse; 10⁻⁷ rad per rad is far below DAC resolution).</summary>
    public const double NegligibleCoupling = 1e-7;

    /// <summary>The default thermal model: the decay length calibrated to 3 % at 50 µm on the default layout.</summary>
    public static ThermalCrosstalk Default { get; } = new();

    /// <summary>Kernel amplitude A, rad per rad of the source heater at zero distance: 1 (the kernel's self term is the heater's own phase).</summary>
    public double Strength { get; init; } = 1;

    /// <summary>Decay length L of the kernel, m.</summary>
    public double DecayLengthMeters { get; init; } = DefaultDecayLengthMeters;

    /// <summary>Waveguide pitch p, m.</summary>
    public double ModePitchMeters { get; init; } = DefaultModePitchMeters;

    /// <summary>Column pitch Λ, m.</summary>
    public double ColumnPitchMeters { get; init; } = DefaultColumnPitchMeters;

    /// <summary>The kernel K(d) = A·exp(−d/L): the phase reaching a heater at distance <paramref name="distanceMeters"/> per rad of the source.</summary>
    public double Kernel(double distanceMeters) => Strength * Math.Exp(-distanceMeters / DecayLengthMeters);

    /// <summary>K between neighbouring MZIs of a column, two modes (2p) apart: 0.03 for the default.</summary>
    public double NearestCoupling => Kernel(2 * ModePitchMeters);

    /// <summary>The same layout and decay length with the strength that gives neighbouring MZIs of a column the coupling <paramref name="nearest"/>.</summary>
    public ThermalCrosstalk WithNearestCoupling(double nearest) => this with { Strength = nearest * Math.Exp(2 * ModePitchMeters / DecayLengthMeters) };

    /// <summary>Position (x along propagation, y across) of the θ heater (<paramref name="internalHeater"/>) or the φ heater of the MZI at (<paramref name="column"/>, <paramref name="topMode"/>), m.</summary>
    public (double X, double Y) HeaterPosition(int column, int topMode, bool internalHeater) =>
        ((column + (internalHeater ? 0.5 : 0)) * ColumnPitchMeters, topMode * ModePitchMeters);

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(Strength >= 0 && double.IsFinite(Strength)))
        {
            throw new ArgumentException($"ThermalCrosstalk.Strength must be finite and ≥ 0; got {Strength}.");
        }
        if (!(DecayLengthMeters > 0 && double.IsFinite(DecayLengthMeters)))
        {
            throw new ArgumentException($"ThermalCrosstalk.DecayLengthMeters must be finite and > 0; got {DecayLengthMeters}.");
        }
        if (!(ModePitchMeters > 0 && double.IsFinite(ModePitchMeters)) || !(ColumnPitchMeters > 0 && double.IsFinite(ColumnPitchMeters)))
        {
            throw new ArgumentException($"ThermalCrosstalk pitches must be finite and > 0; got mode {ModePitchMeters}, column {ColumnPitchMeters}.");
        }
    }

    /// <summary>
    /// The sparse coupling between the heaters of a mesh whose MZIs sit at the given columns and top
    /// modes: heater h = i is θ of MZI i, h = M + i its φ. Pairs whose kernel falls below
    /// <see cref="NegligibleCoupling"/>·A are dropped.
    /// </summary>
    internal HeaterCoupling Couple(IReadOnlyList<int> columns, IReadOnlyList<int> topModes)
    {
        Validate();
        int mzis = columns.Count, heaters = 2 * mzis;
        var pos = new (double X, double Y)[heaters];
        for (int i = 0; i < mzis; i++)
        {
            pos[i] = HeaterPosition(columns[i], topModes[i], true);
            pos[mzis + i] = HeaterPosition(columns[i], topModes[i], false);
        }
        var neighbours = Enumerable.Range(0, heaters).Select(_ => new List<(int, double)>()).ToArray();
        if (Strength > 0)
        {
            double cutoff = DecayLengthMeters * Math.Log(1 / NegligibleCoupling);
            var order = Enumerable.Range(0, heaters).OrderBy(h => pos[h].X).ToArray();
            for (int a = 0; a < heaters; a++)
            {
                int i = order[a];
                for (int b = a + 1; b < heaters && pos[order[b]].X - pos[i].X <= cutoff; b++)
                {
                    int j = order[b];
                    double d = Math.Sqrt(Math.Pow(pos[j].X - pos[i].X, 2) + Math.Pow(pos[j].Y - pos[i].Y, 2));
                    if (d <= cutoff)
                    {
                        double k = Kernel(d);
                        neighbours[i].Add((j, k));
                        neighbours[j].Add((i, k));
                    }
                }
            }
        }
        return new HeaterCoupling(neighbours);
    }
}
