using System.Globalization;
using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>
/// pnn repro photonic-tensor-processor [--quick] [--seed N] [--cifar DIR --cifar-model FILE]: PyTorch CNNs imported from ONNX and
/// run on the rack processor's 9 × 3 intensity crossbar (Nat. Commun. 2026), digital vs on the processor, with energy and latency.
/// </summary>
internal static class ReproPhotonicTensorProcessor
{
    /// <summary>Test images per data set under --quick.</summary>
    internal const int QuickTestCount = 500;

    public static int Run(CliArgs args, ulong seed)
    {
        var options = new PhotonicTensorProcessorOptions
        {
            TestCount = args.Flag("quick") ? QuickTestCount : null,
            Seed = seed,
            CifarDirectory = args.Value("cifar"),
            CifarModel = args.Value("cifar-model"),
        };
        if ((options.CifarDirectory is null) != (options.CifarModel is null))
        {
            throw new UsageException(options.CifarDirectory is null
                ? "pnn repro photonic-tensor-processor: --cifar-model needs --cifar DIR (the folder `pnn data fetch cifar-10 --to DIR` filled)."
                : "pnn repro photonic-tensor-processor: --cifar needs --cifar-model FILE (the ONNX file `/usr/bin/python3 models/train_ptp_cnn.py --dataset cifar-10 --data DIR` writes).");
        }
        if (options.CifarModel is string model && !File.Exists(model))
        {
            throw new UsageException($"pnn repro photonic-tensor-processor: --cifar-model {model}: no such file.");
        }
        bool json = args.Flag("json");
        var r = PhotonicTensorProcessor.Run(options, json ? null : Console.Error.WriteLine);
        if (json)
        {
            Output.Json(r);
            return 0;
        }
        var c = r.Crossbar;
        var table = new Table()
            .Title($"Photonic tensor processor (Nat. Commun. 2026): PyTorch CNNs from ONNX on one {c.Inputs}×{c.Outputs} EAM intensity crossbar, {c.DacBits}-bit DACs / {c.AdcBits}-bit ADCs, "
                + $"EAM ER {c.ExtinctionRatioDb} dB, IL {c.InsertionLossDb} dB, {c.SymbolRateHz / 1e9:0.#} GBd, shot + TIA + RIN noise; fabricated chip: {r.Variation.TransmissionSpread:P0} transmission, "
                + $"{r.Variation.ExtinctionRatioSpreadDb} dB ER spread; {r.BatchSize} images per weight load; seed {r.Seed}")
            .AddColumn("data set").AddColumn("test images").AddColumn("published").AddColumn("digital (fp32)").AddColumn("on the processor").AddColumn("fabricated chip").AddColumn("calibrated")
            .AddColumn("energy/image core").AddColumn("energy/image system").AddColumn("latency/image").AddColumn("passes/image");
        foreach (var row in r.Rows)
        {
            string published = row.Published is double p ? $"{p:P1}" : "–";
            if (row.Absent is not null)
            {
                table.AddRow(row.Dataset, "–", published, "absent (below)", "", "", "", "", "", "", "");
                continue;
            }
            table.AddRow(row.Dataset, $"{row.TestCount:N0}", published, $"{row.Digital:P2}", $"{row.Processor:P2}", $"{row.Fabricated:P2}", $"{row.Calibrated:P2}",
                Si(row.CoreJoules!.Value, "J"), Si(row.SystemJoules!.Value, "J"), Si(row.LatencySeconds!.Value, "s"), $"{row.PassesPerImage:N0}");
        }
        AnsiConsole.Write(table);
        foreach (var row in r.Rows.Where(x => x.Absent is not null))
        {
            AnsiConsole.MarkupLine(Markup.Escape($"{row.Dataset}: {row.Absent}"));
        }
        AnsiConsole.MarkupLine(Markup.Escape("Models: " + string.Join(", ", r.Rows.Where(x => x.Absent is null).Select(x => $"{x.Dataset} {x.Model}"))
            + ". The paper's MNIST figure is on the full MNIST test set; here the bundled subset's 2,000 test digits (--quick: the first 500 of each set)."));
        return 0;
    }

    private static string Si(double v, string unit)
    {
        string[] prefixes = ["f", "p", "n", "µ", "m", ""];
        int i = Math.Clamp((int)Math.Floor(Math.Log10(Math.Abs(v)) / 3) + 5, 0, prefixes.Length - 1);
        return string.Create(CultureInfo.InvariantCulture, $"{v / Math.Pow(1000, i - 5):0.00} {prefixes[i]}{unit}");
    }
}
