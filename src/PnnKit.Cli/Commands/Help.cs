namespace PnnKit.Cli.Commands;

/// <summary>The usage text.</summary>
internal static class Help
{
    public static int Print()
    {
        Console.WriteLine("""
            pnn — PnnKit, physical neural networks

              pnn tour [--json] [--runs-dir DIR] [--seed N]  the short benchmark suite on bundled data: accuracy, energy, digital at equal accuracy
              pnn train --config FILE.yaml [--runs-dir DIR] [--json]
              pnn train --resume RUNDIR [--json]          continue a killed run exactly where its last checkpoint left it
              pnn eval RUNDIR [--json]                    evaluate a run's checkpoint on its test split, with costs
              pnn robustness --design RUNDIR [--instances 50] [--ages 1s,1h,1d,30d,1y] [--policies none,global,per-column] [--temperature K] [--json]
                                                          fabricate many instances of a trained design, age them, compare drift policies
              pnn runs list | compare A B [--store FILE]   results of all runs (runs/pnnkit.db); A, B: run names or commit prefixes
              pnn repro NAME [--quick] [--instances N] [--epochs N] [--seed N] [--json]
                  NAME: insitu-photonic, memristor-drift, memristor-hybrid, memristor-adc, memristor-pulsed,
                        mechanical-insitu, mechanical-regression, coupled-learning, diode-xor, pbit-factor,
                        pbit-boltzmann, sto-reservoir, sto-models, pat, sam, forward-only, wave-rnn, d2nn
              pnn data list | info NAME [--data-dir DIR] | fetch NAME --to DIR [--mirror URL]
              pnn bench perf [--json] [--quick] [--only NAME]  kernel and substrate speeds against the machine's peak, NumPy, PyTorch and SciPy
              pnn bench suite [--quick] [--seed N] [--runs-dir DIR] [--json]  every substrate and digital on the same tasks, equal-accuracy comparison

            Exit codes: 0 success, 2 bad input (the message names the file, field and allowed values), 1 internal error.
            """);
        return 0;
    }
}
