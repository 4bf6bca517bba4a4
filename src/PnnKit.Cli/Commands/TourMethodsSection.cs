using PnnKit.Bench.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>One row of the tour's training-methods table: a network's accuracy on its model and on the hardware.</summary>
/// <param name="Experiment">What is shown.</param>
/// <param name="Training">How the network was trained.</param>
/// <param name="OnModel">Test accuracy on the model it was designed with (twin or ideal software).</param>
/// <param name="OnHardware">Test accuracy on the physical system (mean over instances where there are several).</param>
/// <param name="WorstOnHardware">Lowest accuracy over the instances, where there are several.</param>
internal sealed record TourMethodsRow(string Experiment, string Training, double OnModel, double OnHardware, double? WorstOnHardware);

/// <summary>
/// The tour's section on training methods (a few seconds): the model-to-reality gap closed by
/// physics-aware training (Wright et al. 2022) on two layers of coupled pendula, and SAM against
/// plain training on a few fabricated PCM crossbars (Xu et al. 2026). Reduced versions of
/// <c>pnn repro pat</c> and <c>pnn repro sam</c>.
/// </summary>
internal static class TourMethodsSection
{
    /// <summary>The reduced gap experiment: two layers of 49 pendula, 1,000 digits of the bundled MNIST subset, 3 epochs.</summary>
    public static readonly PhysicsAwareGapOptions Gap = new() { Data = "mnist-subset", TrainCount = 1000, TestCount = 500, Epochs = 3, TwinSamples = 100 };

    /// <summary>The reduced SAM comparison: MLP 784-32-10, 2 epochs on 2,000 digits, 4 crossbar instances.</summary>
    public static readonly SamSweepOptions Sam = new() { Radii = [0, 0.1], Hidden = [32], Epochs = 2, TrainCount = 2000, Instances = 4 };

    /// <summary>Runs both demonstrations; <paramref name="log"/> gets progress lines.</summary>
    public static IReadOnlyList<TourMethodsRow> Run(Action<string>? log = null)
    {
        var gap = PhysicsAwareGap.Run(Gap, log);
        string pendula = $"model-to-reality gap: {gap.PhysicalLayers} × {gap.Pendula} coupled pendula the model gets wrong (η = {Gap.NonlinearityError}, σ_J = {Gap.CouplingError}), {gap.Data}";
        var rows = new List<TourMethodsRow>
        {
            new(pendula, "in silico, then deployed", gap.InSilicoOnTwin, gap.InSilicoOnSystem, null),
            new(pendula, "physics-aware (forward on the pendula, backward through the model)", gap.PhysicsAwareOnTwin, gap.PhysicsAwareOnSystem, null),
        };
        string crossbars = $"MLP 784-{string.Join("-", Sam.Hidden)}-10 on {Sam.Instances} harsh PCM crossbars (4 % stuck cells, 10 % spread), 1 day";
        foreach (var r in SamSweep.Run(Sam, log))
        {
            rows.Add(new(crossbars, r.Rho == 0 ? "plain" : $"SAM, ρ = {r.Rho}", r.SoftwareAccuracy, r.Mean, r.Worst));
        }
        return rows;
    }

    /// <summary>Runs the section, prints its table unless <paramref name="json"/>, and returns the rows (for the tour's JSON).</summary>
    public static IReadOnlyList<TourMethodsRow> Show(bool json)
    {
        if (!json)
        {
            AnsiConsole.MarkupLine("[bold]Training methods:[/] physics-aware training on coupled pendula, SAM on fabricated crossbars");
        }
        var rows = Run(json ? null : Console.Error.WriteLine);
        if (!json)
        {
            var t = new Table().Title("[bold]PnnKit tour: training methods against the model-to-reality gap[/]")
                .AddColumn("experiment").AddColumn("training").AddColumn("on the model").AddColumn("on the hardware").AddColumn("worst instance");
            foreach (var r in rows)
            {
                t.AddRow(Markup.Escape(r.Experiment), Markup.Escape(r.Training), $"{r.OnModel:P2}", $"{r.OnHardware:P2}", r.WorstOnHardware is double w ? $"{w:P2}" : "");
            }
            AnsiConsole.Write(t);
        }
        return rows;
    }
}
