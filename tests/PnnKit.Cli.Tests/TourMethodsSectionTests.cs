using PnnKit.Cli.Commands;

namespace PnnKit.Cli.Tests;

public class TourMethodsSectionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void MethodsSection_PhysicsAwareClosesTheGap_AndSamRowsCoverTheInstances()
    {
        var rows = TourMethodsSection.Run();
        foreach (var r in rows)
        {
            output.WriteLine($"{r.Experiment} | {r.Training} | {r.OnModel:P2} | {r.OnHardware:P2} | {r.WorstOnHardware:P2}");
        }
        Assert.Equal(4, rows.Count);
        var (inSilico, pat) = (rows[0], rows[1]);
        // Trained on the model, the network loses on the real pendula; trained physics-aware, it works there.
        Assert.True(inSilico.OnModel > inSilico.OnHardware + 0.05, $"in silico {inSilico.OnModel:P2} → {inSilico.OnHardware:P2}");
        Assert.True(pat.OnHardware > inSilico.OnHardware + 0.05, $"physics-aware {pat.OnHardware:P2} vs in silico {inSilico.OnHardware:P2}");
        foreach (var r in rows.Skip(2))
        {
            Assert.True(r.OnModel > 0.7, $"{r.Training}: software {r.OnModel:P2}");
            Assert.True(r.WorstOnHardware <= r.OnHardware && r.OnHardware < r.OnModel, $"{r.Training}: {r.OnModel:P2}, mean {r.OnHardware:P2}, worst {r.WorstOnHardware:P2}");
        }
    }
}
