namespace PnnKit.Cli.Commands;

/// <summary>The usage text.</summary>
internal static class Help
{
    public static int Print(string[] extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        if (extra.Length > 0)
        {
            throw new UsageException($"pnn help takes no arguments, got '{extra[0]}' (each command's options are listed below; a command refuses any other, naming those it takes).");
        }
        Console.WriteLine($"""
            pnn — PnnKit, physical neural networks

              pnn tour [--json] [--runs-dir DIR] [--seed N]  the short benchmark suite on bundled data: accuracy, energy, digital at equal accuracy
              pnn train --config FILE.yaml [--from MODEL.onnx] [--runs-dir DIR] [--json]
              pnn train --resume RUNDIR [--json]          continue a killed run exactly where its last checkpoint left it
              pnn train --config FILE.yaml --device grpc://HOST:PORT/NAME [--token-file FILE]  train a served chip (training.method:
                  in-situ | physics-aware | spsa; mesh l is device NAME0, NAME1, …); every query is recorded in RUNDIR/device0.jsonl, …
              pnn train --replay RUNDIR [--runs-dir DIR]  retrace a device run offline from its recordings, exactly
              pnn eval RUNDIR [--rate 1000] [--lifetime 1y] [--calibrate-every 1d] [--json]
                                                          evaluate a run's checkpoint on its test split, with the per-inference cost report
                                                          (TOPS/W, term shares, calibration amortised over the stated deployment)
              pnn robustness --design RUNDIR [--instances 50] [--ages 1s,1h,1d,30d,1y] [--policies none,global,per-column,retrain] [--retrain-budget 256] [--temperature K] [--cluster CONFIG] [--json]
                                                          fabricate many instances of a trained design, age them, compare drift compensation and budgeted retraining
                                                          (--temperature 200–400 K: programmed at 300 K, then held and read at K; PCM conducts more and drifts faster when hot)
              pnn report RUNDIR|suite.json [--out DIR] [--json]  report.html (self-contained) and report.md with plots: accuracy over age and instances, energy terms, Pareto front
              pnn runs list | compare A B [--store FILE]   results of all runs (runs/pnnkit.db); A, B: run names or commit prefixes
              pnn runs recording FILE|RUNDIR [--json]     a device recording (a run directory's device*.jsonl): sessions, queries, examples,
                                                          checkpoints, queries a resume superseded, time span
              pnn import MODEL.onnx [--out FILE.onnx] [--json]  read an ONNX model (opset ≥ 13: Gemm, MatMul+Add, Conv, pooling, batch norm, residual Add, …)
                                                          into PnnKit layers and list them; --out writes them back as ONNX
              pnn export RUNDIR --out FILE.onnx           write a trained digital run as ONNX (opset 17)
              pnn convert MODEL.onnx --to memristive|photonic|digital [--config FILE.yaml] [--data NAME] [--name NAME] [--runs-dir DIR] [--json]
                                                          map every Linear and Conv2d onto crossbar tiles or a photonic tensor core with its converters
                                                          (model.core: intensity-crossbar in --config for the 9×3 EAM crossbar, configs/photonic-tensor-processor.yaml);
                                                          writes a run that pnn eval and pnn robustness read (device keys from --config's model section)
              pnn train --from MODEL.onnx --config FILE.yaml  fine-tune an imported model on the config's substrate (hardware-aware with training_noise)
              pnn serve --device FILE [--port 5077] [--host 127.0.0.1] [--token-file pnn-device.token]
                                                          fabricate the devices FILE describes (configs/devices/) and serve them over the device
                                                          protocol (gRPC, src/PnnKit.Devices/Proto/device.proto) until Ctrl+C; calls need the token
              pnn repro                                   every reproduction: the papers it follows, what --quick reduces, its options
              pnn repro NAME [--quick] [--instances N] [--epochs N] [--seed N] [--json]
                  NAME: {ReproNames()}
                  each takes only the options it uses (another is refused, naming those it takes): --instances for
                  memristor-drift, pat, sam, forward-only, dfa; --seeds N for coupled-learning, mechanical-insitu; --dataset for mesh-mnist, d2nn, memristor-cnn;
                  --checkpoint DIR for d2nn; --sweep for mesh-mnist, forward-only (their two gains on validation), insitu-photonic (output gain and in-situ step), pat-photonic (output gain and step, per training), coupled-learning (its layout), sto-reservoir (node time, ridge λ); --baseline-only, --boundary pml|damping for wave-rnn; --cifar DIR --cifar-model FILE for photonic-tensor-processor (CIFAR-10 batches and its ONNX CNN); no --quick for mechanical-insitu, pbit-factor;
                  sto-reservoir takes only --json, sto-models --quick.
                  mesh-mnist also takes --phase-shifter thermo|mems|pcm (the technology holding the phases: static power, write
                  energy, settling time; only thermo-optic heaters have thermal crosstalk).
                  pat also takes --twin nominal|calibrated (the twin PAT backpropagates through) and --sam RHO
                  (add a SAM + physics-aware run, compared on --instances perturbed copies);
                  pat-photonic takes --device grpc://HOST:PORT/NAME --token-file FILE: its physics-aware training measures
                  layer l on device NAME0, NAME1, … of a `pnn serve` (configs/devices/pat-photonic-chip.yaml serves the chip it fabricates);
                  insitu-photonic takes them too: its in-situ training asks the served meshes for their measured gradients
                  (configs/devices/insitu-photonic-chip.yaml), and --readings measured|noise-free for the chip in process
              pnn data list | info NAME [--data-dir DIR] | fetch NAME --to DIR [--mirror URL]
              pnn devices list | show NAME [--json]       device presets (PCM, RRAM, ADC, heater, MZI process, detector, spring bond, MTJ):
                                                          every parameter with value, unit and source; a memristive config's model.device names one
              pnn bench perf [--json] [--quick] [--only NAME]  kernel and substrate speeds against the machine's peak, NumPy, PyTorch and SciPy
              pnn bench suite [--quick] [--seed N] [--runs-dir DIR] [--cluster CONFIG] [--json]  every substrate and digital on the same tasks, equal-accuracy comparison
              pnn cluster silo --cluster CONFIG [--silo N] [--slots N]  host silo N (0: the primary) of CONFIG's Orleans cluster (configs/cluster/);
                                                          pnn robustness and pnn bench suite with --cluster CONFIG send their work items
                                                          to its silos (default: one in-process silo); a silo that dies has its items re-run

            Exit codes: 0 success, 2 bad input (the message names the file, field and allowed values), 1 internal error.
            """);
        return 0;
    }

    /// <summary>The reproductions' names, wrapped under the NAME line (from ReproCommand, so the list cannot go stale).</summary>
    private static string ReproNames()
    {
        var lines = new List<string> { "" };
        foreach (string name in ReproCommand.Names)
        {
            string item = name == ReproCommand.Names[^1] ? name : name + ",";
            if (lines[^1].Length + item.Length > 90)
            {
                lines.Add("");
            }
            lines[^1] += (lines[^1].Length == 0 ? "" : " ") + item;
        }
        return string.Join("\n            ", lines);
    }
}
