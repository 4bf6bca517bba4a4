namespace PnnKit.Photonics.Components;

/// <summary>
/// What holding and writing a phase costs in a given phase-shifter technology. A thermo-optic heater
/// dissipates power in proportion to the phase it holds (φ = π·P/P_π) and heats its neighbours; an
/// electrostatic MEMS shifter holds its phase with a charged capacitor, drawing only leakage; a
/// phase-change (Sb2Se3) cell is nonvolatile, holding at zero power and paying an electrical pulse per
/// write. Static power per shifter: P_π·wrap(φ)/π + <see cref="HoldingPowerWatts"/>.
/// </summary>
public sealed record PhaseShifterTechnology
{
    /// <summary>Silicon thermo-optic heaters (the default): P_π 20 mW (Harris et al., Opt. Express 22, 10487 (2014)), 10 µs settling, heat reaches the neighbours.</summary>
    public static PhaseShifterTechnology ThermoOptic { get; } = new()
    {
        Name = "thermo",
        PiPowerWatts = ThermoOpticPhaseShifter.DefaultPiPowerWatts,
        // Assumption: silicon heaters without thermal isolation settle in µs to tens of µs (Harris et al. 2014).
        SettlingSeconds = 10e-6,
        HeatsNeighbours = true,
    };

    /// <summary>
    /// Electrostatic silicon-photonic MEMS shifters (Edinger et al., Opt. Lett. 46, 5671 (2021): V_π 10.7 V,
    /// actuation bandwidth 1.03 MHz in air; review: Errando-Herranz et al., IEEE JSTQE 26, 8200916 (2020)).
    /// </summary>
    public static PhaseShifterTechnology Mems { get; } = new()
    {
        Name = "mems",
        // Assumption: only the actuator's leakage flows while holding, ~100 pA at ~10 V ≈ 1 nW.
        HoldingPowerWatts = 1e-9,
        // Assumption: charging ~10 fF of actuator to V_π = 10.7 V (Edinger et al. 2021) draws C·V² ≈ 1 pJ.
        WriteJoules = 1e-12,
        // 1.03 MHz bandwidth (Edinger et al. 2021): time constant 1/(2π·1.03 MHz) ≈ 0.15 µs; ~7 time constants ≈ 1 µs.
        SettlingSeconds = 1e-6,
    };

    /// <summary>
    /// Nonvolatile Sb2Se3 phase-change shifters (Ríos et al., PhotoniX 3, 26 (2022); Delaney et al.,
    /// Sci. Adv. 7, eabg3500 (2021)): zero static power, an electrical pulse per write.
    /// </summary>
    public static PhaseShifterTechnology PhaseChange { get; } = new()
    {
        Name = "pcm",
        // Assumption: a write is a µs-scale pulse of tens of mW into a doped-Si microheater, ~100 nJ
        // (the order of the electrical Sb2Se3 switching of Ríos et al. 2022 and Chen et al., Nat. Commun. 14, 3465 (2023)).
        WriteJoules = 100e-9,
        // Assumption: crystallization pulses and the cool-down before a read take ~100 µs (Ríos et al. 2022 use µs–ms pulse trains).
        SettlingSeconds = 100e-6,
    };

    /// <summary>The technologies by the name <c>--phase-shifter</c> takes.</summary>
    public static IReadOnlyList<PhaseShifterTechnology> All { get; } = [ThermoOptic, Mems, PhaseChange];

    /// <summary>The short name: thermo, mems or pcm.</summary>
    public required string Name { get; init; }

    /// <summary>Static power to hold a phase of π, W, proportional to the phase held (0: not a heater).</summary>
    public double PiPowerWatts { get; init; }

    /// <summary>Static power per shifter independent of its phase, W (leakage).</summary>
    public double HoldingPowerWatts { get; init; }

    /// <summary>Energy to write a new phase into one shifter, J.</summary>
    public double WriteJoules { get; init; }

    /// <summary>Time after a write before the phase is stable enough to measure, s.</summary>
    public double SettlingSeconds { get; init; }

    /// <summary>True when holding a phase heats the chip (thermal crosstalk and drift apply).</summary>
    public bool HeatsNeighbours { get; init; }

    /// <summary>Static power of one shifter holding <paramref name="phase"/> (wrapped to [0, 2π)), W.</summary>
    public double HoldingPowerFor(double phase) => (PiPowerWatts * ThermoOpticPhaseShifter.Wrap(phase) / Math.PI) + HoldingPowerWatts;

    /// <summary>The technology named <paramref name="name"/>; throws naming the allowed names.</summary>
    public static PhaseShifterTechnology Parse(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"phase-shifter must be one of {string.Join(", ", All.Select(t => t.Name))}; got '{name}'.", nameof(name));
}
