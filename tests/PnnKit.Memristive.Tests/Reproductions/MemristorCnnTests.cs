using PnnKit.Memristive.Reproductions;

namespace PnnKit.Memristive.Tests.Reproductions;

public class MemristorCnnTests
{
    // Pinned to what `pnn repro memristor-cnn --quick` printed (500 test digits, 0.2 points each): ±2 points on accuracies.
    private const double Tolerance = 0.02;

    [Fact]
    public void Quick_TransferToRramLosesAccuracy_HybridTrainingOfFcRecovers_ReplicationCutsLatency()
    {
        var r = MemristorCnn.Run(MemristorCnnOptions.Quick);
        Assert.Equal(new(3000, 300, 500), r.Splits);
        Assert.Equal(300, r.HybridSamples);
        Assert.Equal(0.896, r.SoftwareAccuracy, Tolerance);
        Assert.Equal(2, r.Hardware.Count);
        var (one, three) = (r.Hardware[0], r.Hardware[1]);
        Assert.Equal((1, 3), (one.C1Replicas, three.C1Replicas));
        Assert.Equal(0.888, one.TransferredAccuracy, Tolerance);
        Assert.Equal(0.898, one.HybridAccuracy, Tolerance);
        Assert.Equal(0.888, three.TransferredAccuracy, Tolerance);
        Assert.Equal(0.890, three.HybridAccuracy, Tolerance);
        // The hybrid learning rate is chosen on validation among --quick's 1e-3 and 3e-3 (91.67 / 92.67 % and 91.33 / 92.00 %).
        Assert.Equal((3e-3, 3e-3), (one.HybridLearningRate, three.HybridLearningRate));
        foreach (var h in r.Hardware)
        {
            // On validation (where the choices are made): the transfer costs accuracy (94.0 → 90.0 %), hybrid training wins some back.
            Assert.True(h.TransferredValidationAccuracy < r.SoftwareValidationAccuracy - 0.02, $"transfer should cost accuracy: {r.SoftwareValidationAccuracy} → {h.TransferredValidationAccuracy}");
            Assert.True(h.HybridValidationAccuracy > h.TransferredValidationAccuracy, $"hybrid training should recover: {h.TransferredValidationAccuracy} → {h.HybridValidationAccuracy}");
            Assert.Equal(0.25, h.AdcFullScaleFraction);
            Assert.True(h.FailedCells > 0 && h.ProgramPulses > 0 && h.HybridCellsRewritten > 0 && h.HybridPulses > 0);
            foreach (string term in new[] { "C1 DAC", "C1 ADC", "C1 TIA", "C1 array", "C3 ADC", "FC DAC", "FC ADC", "FC partial sums" })
            {
                Assert.Contains(h.CostTerms, e => e.Component == term && e.EnergyJoules > 0);
            }
            // Write-verify, charged once each over 1,000 images/s for a year: two transfers (one per learning-rate candidate), printed
            // 1.22 µJ (×3: 1.32 µJ), at least their SET/RESET pulses at 1.5 V · 30 µA · 50 ns; and the hybrid rewrites.
            var (transfers, rewrites) = (h.Programming[0], h.Programming[1]);
            Assert.InRange(transfers.PerEvent.Joules, 2 * h.ProgramPulses * 1.5 * 30e-6 * 50e-9, double.PositiveInfinity);
            Assert.Equal(h.C1Replicas == 1 ? 1.22e-6 : 1.32e-6, transfers.PerEvent.Joules, 0.05 * 1.22e-6);
            Assert.InRange(rewrites.PerEvent.Joules, h.HybridPulses * 1.5 * 30e-6 * 50e-9, 0.2 * transfers.PerEvent.Joules);
            Assert.Equal(transfers.PerEvent.Joules / (1000 * 365 * 86_400.0), transfers.PerInference(r.Deployment).Joules, 1e-24);
            // ADCs dominate; the arrays' Joule heating is a small part (printed 54.2 nJ system, 804 pJ core per image).
            Assert.Equal(54.2e-9, h.SystemEnergyPerImageJoules, 0.05 * 54.2e-9);
            Assert.Equal(804e-12, h.CoreEnergyPerImageJoules, 0.05 * 804e-12);
        }
        // Arrays: C1 (18 rows × 8) per copy, C3 (144 rows: 2 arrays), FC (384 rows: 3 arrays); cells 2·(9·8·copies + 72·12 + 192·10).
        Assert.Equal((6, 8), (one.Arrays, three.Arrays));
        Assert.Equal((5712L, 6000L), (one.Cells, three.Cells));
        // Latency: read cycles (1 ns DAC + 50 ns read + 10 ns ADC) · (784 / copies + 144 + 1).
        Assert.Equal((784 + 144 + 1) * 61e-9, one.LatencyPerImageSeconds, 1e-12);
        Assert.Equal((262 + 144 + 1) * 61e-9, three.LatencyPerImageSeconds, 1e-12);
    }
}
