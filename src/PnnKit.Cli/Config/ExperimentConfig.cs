namespace PnnKit.Cli.Config;

/// <summary>A training experiment, as read from YAML and validated (see configs/*.yaml for examples).</summary>
public sealed record ExperimentConfig
{
    /// <summary>Allowed values, listed once so errors and docs agree.</summary>
    public static readonly string[] DataNames = ["iris", "mnist-subset", "mnist", "fashion-mnist", "cifar-10", "moons", "circles", "rings", "xor", "spirals"];

    /// <summary>Allowed model types.</summary>
    public static readonly string[] ModelTypes = ["mlp", "mesh", "onnx"];

    /// <summary>Allowed substrates: the MLP's linear layers are digital or memristive; a mesh is photonic.</summary>
    public static readonly string[] Substrates = ["digital", "memristive", "photonic"];

    /// <summary>
    /// Allowed photonic cores for an imported model: a coherent core (tiles as SVDs on Clements meshes, homodyne receivers) or an
    /// incoherent intensity crossbar (the photonic tensor processor's 9 × 3 EAM crossbar with photodiodes).
    /// </summary>
    public static readonly string[] PhotonicCores = ["coherent", "intensity-crossbar"];

    /// <summary>The model keys of the intensity crossbar (model.core: intensity-crossbar).</summary>
    private static readonly string[] CrossbarKeys = ["dac_bits", "adc_bits", "extinction_ratio_db", "insertion_loss_db", "symbol_rate_hz", "detector_noise"];

    /// <summary>Keys of the model section that only model.type: onnx takes.</summary>
    private static readonly string[] OnnxOnlyKeys = ["file", "tile_size", "core", .. CrossbarKeys];

    /// <summary>Every key of the model section.</summary>
    private static readonly string[] ModelKeys = ["type", "substrate", "device", "training_noise", "weight_max", "hidden", "activation", "dropout", "modes", "layers", "encoding", "output_gain", .. OnnxOnlyKeys];

    /// <summary>Allowed MLP activations.</summary>
    public static readonly string[] Activations = ["relu", "tanh", "sigmoid", "gelu"];

    /// <summary>Allowed mesh nonlinearities: photodetectors (Hughes et al. 2018) or electro-optic activations (Williamson et al. 2020).</summary>
    public static readonly string[] MeshActivations = ["photodetector", "electro-optic"];

    /// <summary>Allowed mesh input encodings: 2-D points at constant optical power, or 64 low-frequency Fourier coefficients of 28×28 images.</summary>
    public static readonly string[] Encodings = ["constant-power", "fourier-64"];

    /// <summary>Data sets of 2-D points, the ones constant-power encoding accepts.</summary>
    public static readonly string[] PointSets = ["moons", "circles", "rings", "xor", "spirals"];

    /// <summary>Data sets of 28×28 images, the ones fourier-64 encoding accepts.</summary>
    public static readonly string[] ImageSets = ["mnist-subset", "mnist", "fashion-mnist"];

    /// <summary>Waveguides fourier-64 launches: (2r)² coefficients with Fourier radius r = 4.</summary>
    public const int FourierModes = 64;

    /// <summary>Waveguides constant-power encoding needs: x₁, x₂, √(2 − x₁² − x₂²) and the bias mode.</summary>
    public const int ConstantPowerModes = 4;

    /// <summary>Allowed optimizers.</summary>
    public static readonly string[] Optimizers = ["sgd", "adam", "adamw"];

    /// <summary>Allowed schedules.</summary>
    public static readonly string[] Schedules = ["constant", "cosine", "step"];

    /// <summary>Allowed losses.</summary>
    public static readonly string[] Losses = ["cross-entropy", "mse"];

    /// <summary>
    /// Training methods: in silico (the analytic adjoint of the model), or against a device given by `pnn train --device`:
    /// physics-aware (device forward, the mesh model's backward), in-situ (the device's measured gradients) or SPSA
    /// (two perturbed device measurements per step, no model at all).
    /// </summary>
    public static readonly string[] Methods = ["in-silico", "physics-aware", "in-situ", "spsa"];

    // SPSA's perturbation, rad: a few steps of an 8-bit heater DAC (2π/256 ≈ 0.025 rad) so the device resolves it, and
    // small against the phases' 2π so the loss difference stays first order (Spall, IEEE TAC 1992: c near the noise level).
    private const double DefaultSpsaPerturbation = 0.05;

    /// <summary>Run name (defaults to the file name).</summary>
    public string Name { get; init; } = "run";

    /// <summary>Seed of everything random in the run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Data set name.</summary>
    public string Data { get; init; } = "mnist-subset";

    /// <summary>Directory of IDX files for mnist/fashion-mnist (else PNNKIT_DATA or the Debian package).</summary>
    public string? DataDir { get; init; }

    /// <summary>Examples for synthetic sets.</summary>
    public int SyntheticCount { get; init; } = 1000;

    /// <summary>Noise level of synthetic sets (null: each task's default).</summary>
    public double? SyntheticNoise { get; init; }

    /// <summary>Fraction of the training split held out for validation.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Fraction of the examples used for testing, where the set has no fixed test split.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Model type.</summary>
    public string Model { get; init; } = "mlp";

    /// <summary>Where the linear layers compute: digital, or memristive (PCM crossbar tiles with DAC/ADC periphery).</summary>
    public string Substrate { get; init; } = "digital";

    /// <summary>Memristive: the PCM device preset of the crossbars (model.device, `pnn devices show NAME`).</summary>
    public string Device { get; init; } = PnnKit.Memristive.Devices.MemristivePresets.PcmJoshi2020.Name;

    /// <summary>Memristive: scale of the programming noise injected in training (0: plain, 1: hardware-aware at the device's noise).</summary>
    public double TrainingNoise { get; init; }

    /// <summary>Memristive: the weight mapped to g_max, per linear layer (one value: every layer).</summary>
    public double[] WeightMax { get; init; } = [1.0];

    /// <summary>Mesh: waveguides per Clements mesh.</summary>
    public int Modes { get; init; } = ConstantPowerModes;

    /// <summary>Mesh: meshes in the network, each followed by the nonlinearity (the last by the detectors).</summary>
    public int MeshLayers { get; init; } = 3;

    /// <summary>Mesh: input encoding.</summary>
    public string Encoding { get; init; } = "constant-power";

    /// <summary>Mesh: detector gain turning output powers into logits (fixed, not trained).</summary>
    public double OutputGain { get; init; } = PnnKit.Bench.Reproductions.InSituPhotonic.DefaultOutputGain;

    /// <summary>ONNX: the model file (absolute; a relative path in the YAML is read from the config file's folder).</summary>
    public string? OnnxFile { get; init; }

    /// <summary>ONNX on photonic: modes of the tensor core (the tile size).</summary>
    public int TileSize { get; init; } = PnnKit.Photonics.TensorCore.PhotonicCoreConfig.Default.TileSize;

    /// <summary>ONNX on photonic: which core the layers run on (one of <see cref="PhotonicCores"/>).</summary>
    public string Core { get; init; } = "coherent";

    /// <summary>ONNX on photonic with core intensity-crossbar: the crossbar's settings (the processor's defaults, overridden by the model keys).</summary>
    public PnnKit.Photonics.TensorCore.IntensityCrossbarConfig Crossbar { get; init; } = PnnKit.Photonics.TensorCore.IntensityCrossbarConfig.Default;

    /// <summary>Hidden layer widths.</summary>
    public int[] Hidden { get; init; } = [256];

    /// <summary>Dropout probability after each hidden activation (0: none).</summary>
    public double Dropout { get; init; }

    /// <summary>Random image shift, pixels, applied to training batches of image sets (0: none).</summary>
    public int AugmentShift { get; init; }

    /// <summary>Hidden activation.</summary>
    public string Activation { get; init; } = "relu";

    /// <summary>Loss.</summary>
    public string Loss { get; init; } = "cross-entropy";

    /// <summary>Epochs.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Optimizer.</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>Base learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; }

    /// <summary>Weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Learning-rate schedule.</summary>
    public string Schedule { get; init; } = "constant";

    /// <summary>How the gradients are obtained (<see cref="Methods"/>); all but in-silico train a device.</summary>
    public string Method { get; init; } = "in-silico";

    /// <summary>SPSA: the ± perturbation of every phase, rad.</summary>
    public double SpsaPerturbation { get; init; } = DefaultSpsaPerturbation;

    /// <summary>Whether the run trains against a device (`pnn train --device`).</summary>
    public bool OnDevice => Method != "in-silico";

    /// <summary>Epochs between step decays.</summary>
    public int StepEpochs { get; init; } = 10;

    /// <summary>Step decay factor.</summary>
    public double Gamma { get; init; } = 0.1;

    /// <summary>Warm-up epochs of the cosine schedule.</summary>
    public int WarmupEpochs { get; init; }

    /// <summary>Early-stopping patience in epochs (null: off).</summary>
    public int? Patience { get; init; }

    /// <summary>Reads and validates a YAML file.</summary>
    public static ExperimentConfig Load(string file) => Load(file, null);

    /// <summary>
    /// Reads a config for the ONNX model <paramref name="onnxFile"/> given on the command line (`pnn convert --config`,
    /// `pnn train --from`; null: an ordinary config): model.type is then onnx, and the model section holds only the
    /// substrate and its device keys.
    /// </summary>
    public static ExperimentConfig Load(string file, string? onnxFile)
    {
        var root = YamlSection.Load(file);
        root.RejectUnknownKeys("name", "seed", "data", "model", "training");
        var data = root.Section("data");
        data?.RejectUnknownKeys("name", "dir", "count", "noise", "validation_fraction", "test_fraction", "augment_shift");
        var model = root.Section("model");
        model?.RejectUnknownKeys(ModelKeys);
        var training = root.Section("training");
        training?.RejectUnknownKeys("epochs", "batch_size", "optimizer", "learning_rate", "momentum", "weight_decay", "schedule", "step_epochs", "gamma", "warmup_epochs", "early_stopping_patience", "loss", "method", "spsa_perturbation");
        var d = new ExperimentConfig();
        string type = model?.String("type", onnxFile is null ? d.Model : "onnx", ModelTypes) ?? (onnxFile is null ? d.Model : "onnx");
        if (onnxFile is not null && (type != "onnx" || model?.Has("file") == true))
        {
            throw new ConfigException($"{file}: the model comes from {onnxFile} on the command line; leave model.type and model.file out (the model section sets substrate, training_noise, weight_max, tile_size).");
        }
        if (type == "mesh")
        {
            return LoadMesh(file, root, data, model!, training, d);
        }
        if (type == "onnx")
        {
            return LoadOnnx(file, root, data, model, training, d, onnxFile);
        }
        foreach (string key in OnnxOnlyKeys)
        {
            if (model?.Has(key) == true)
            {
                throw model.Error(null, key, "applies to model.type: onnx only.");
            }
        }
        foreach (string key in new[] { "modes", "layers", "encoding", "output_gain" })
        {
            if (model?.Has(key) == true)
            {
                throw model.Error(null, key, "applies to model.type: mesh only.");
            }
        }
        string device = MemristiveDevice(model, d);
        if (model?.String("substrate", d.Substrate, Substrates) == "photonic")
        {
            throw model.Error(null, "substrate", "photonic needs model.type: mesh; an MLP's substrate is one of: digital, memristive.");
        }
        var c = Common(file, root, data, training, d) with
        {
            Model = type,
            Substrate = model?.String("substrate", d.Substrate, Substrates) ?? d.Substrate,
            Device = device,
            TrainingNoise = model?.Double("training_noise", d.TrainingNoise, 0, 10) ?? d.TrainingNoise,
            WeightMax = model?.DoubleList("weight_max", d.WeightMax, 1e-6, 1e6) ?? d.WeightMax,
            Hidden = model?.IntList("hidden", d.Hidden, 1, 65536) ?? d.Hidden,
            Activation = model?.String("activation", d.Activation, Activations) ?? d.Activation,
            Dropout = model?.Double("dropout", d.Dropout, 0, 0.95) ?? d.Dropout,
        };
        if (c.WeightMax.Length != 1 && c.WeightMax.Length != c.Hidden.Length + 1)
        {
            throw new ConfigException($"{file}: model.weight_max has {c.WeightMax.Length} values; give one, or one per linear layer ({c.Hidden.Length + 1}).");
        }
        if (c.Substrate == "digital" && (c.TrainingNoise != 0 || model?.Has("weight_max") == true || model?.Has("device") == true))
        {
            throw new ConfigException($"{file}: model.training_noise, model.weight_max and model.device apply to model.substrate: memristive only.");
        }
        return Checked(file, c);
    }

    // The keys every model type shares: name, seed, data and training.
    private static ExperimentConfig Common(string file, YamlSection root, YamlSection? data, YamlSection? training, ExperimentConfig d) => d with
    {
        Name = root.String("name", System.IO.Path.GetFileNameWithoutExtension(file)),
        Seed = root.Int("seed", d.Seed, 0),
        Data = data?.String("name", d.Data, DataNames) ?? d.Data,
        DataDir = data?.String("dir", "") is { Length: > 0 } dir ? dir : null,
        SyntheticCount = data?.Int("count", d.SyntheticCount, 4, 1_000_000) ?? d.SyntheticCount,
        SyntheticNoise = data?.Has("noise") == true ? data.Double("noise", 0, 0, 10) : null,
        ValidationFraction = data?.Double("validation_fraction", d.ValidationFraction, 0, 0.9) ?? d.ValidationFraction,
        TestFraction = data?.Double("test_fraction", d.TestFraction, 0, 0.9, minExclusive: true) ?? d.TestFraction,
        AugmentShift = data?.Int("augment_shift", d.AugmentShift, 0, 4) ?? d.AugmentShift,
        Loss = training?.String("loss", d.Loss, Losses) ?? d.Loss,
        Epochs = training?.Int("epochs", d.Epochs, 1, 100_000) ?? d.Epochs,
        BatchSize = training?.Int("batch_size", d.BatchSize, 1, 1 << 20) ?? d.BatchSize,
        Optimizer = training?.String("optimizer", d.Optimizer, Optimizers) ?? d.Optimizer,
        LearningRate = training?.Double("learning_rate", d.LearningRate, 0, 100, minExclusive: true) ?? d.LearningRate,
        Momentum = training?.Double("momentum", d.Momentum, 0, 0.999) ?? d.Momentum,
        WeightDecay = training?.Double("weight_decay", d.WeightDecay, 0, 10) ?? d.WeightDecay,
        Schedule = training?.String("schedule", d.Schedule, Schedules) ?? d.Schedule,
        StepEpochs = training?.Int("step_epochs", d.StepEpochs, 1) ?? d.StepEpochs,
        Gamma = training?.Double("gamma", d.Gamma, 0, 1, minExclusive: true) ?? d.Gamma,
        WarmupEpochs = training?.Int("warmup_epochs", d.WarmupEpochs, 0) ?? d.WarmupEpochs,
        Patience = training?.OptionalInt("early_stopping_patience", 1),
        Method = training?.String("method", d.Method, Methods) ?? d.Method,
        SpsaPerturbation = training?.Double("spsa_perturbation", d.SpsaPerturbation, 0, Math.PI, minExclusive: true) ?? d.SpsaPerturbation,
    };

    // model.type: onnx. An imported model on any substrate: its architecture comes from the file, the substrate's device keys from here.
    private static ExperimentConfig LoadOnnx(string file, YamlSection root, YamlSection? data, YamlSection? model, YamlSection? training, ExperimentConfig d, string? onnxFile)
    {
        foreach (string key in new[] { "hidden", "activation", "dropout", "modes", "layers", "encoding", "output_gain" })
        {
            if (model?.Has(key) == true)
            {
                throw model.Error(null, key, "does not apply to model.type: onnx (the architecture is the file's).");
            }
        }
        string path;
        if (onnxFile is not null)
        {
            path = System.IO.Path.GetFullPath(onnxFile);
        }
        else
        {
            string onnx = model?.String("file", "") ?? "";
            if (onnx.Length == 0)
            {
                throw new ConfigException($"{file}: model.file is required for model.type: onnx (the .onnx file, relative to this config).");
            }
            path = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file)) ?? ".", onnx));
            if (!File.Exists(path))
            {
                throw model!.Error(null, "file", $"'{path}' does not exist.");
            }
        }
        string substrate = model?.String("substrate", "digital", Substrates) ?? "digital";
        if (substrate != "memristive" && (model?.Has("training_noise") == true || model?.Has("weight_max") == true || model?.Has("device") == true))
        {
            throw new ConfigException($"{file}: model.training_noise, model.weight_max and model.device apply to model.substrate: memristive only.");
        }
        if (substrate != "photonic" && (model?.Has("tile_size") == true || model?.Has("core") == true))
        {
            throw new ConfigException($"{file}: model.tile_size and model.core apply to model.substrate: photonic only.");
        }
        string core = model?.String("core", d.Core, PhotonicCores) ?? d.Core;
        if (core != "coherent" && model?.Has("tile_size") == true)
        {
            throw model!.Error(null, "tile_size", "applies to model.core: coherent only; the intensity crossbar is 9 inputs × 3 outputs.");
        }
        if (core != "intensity-crossbar" && CrossbarKeys.FirstOrDefault(k => model?.Has(k) == true) is string crossbarKey)
        {
            throw model!.Error(null, crossbarKey, "applies to model.core: intensity-crossbar only.");
        }
        var x = d.Crossbar;
        var c = Common(file, root, data, training, d) with
        {
            Model = "onnx",
            Substrate = substrate,
            OnnxFile = path,
            Device = MemristiveDevice(model, d),
            TrainingNoise = model?.Double("training_noise", d.TrainingNoise, 0, 10) ?? d.TrainingNoise,
            WeightMax = [model?.Double("weight_max", d.WeightMax[0], 1e-6, 1e6) ?? d.WeightMax[0]],
            TileSize = model?.Int("tile_size", d.TileSize, 2, 256) ?? d.TileSize,
            Core = core,
            Crossbar = model is null ? x : x with
            {
                DacBits = model.Int("dac_bits", x.DacBits, 0, 16),
                AdcBits = model.Int("adc_bits", x.AdcBits, 0, 16),
                ExtinctionRatioDb = model.Double("extinction_ratio_db", x.ExtinctionRatioDb, 0, 100, minExclusive: true),
                InsertionLossDb = model.Double("insertion_loss_db", x.InsertionLossDb, 0, 30),
                SymbolRateHz = model.Double("symbol_rate_hz", x.SymbolRateHz, 1e6, 1e12),
                DetectorNoise = model.Bool("detector_noise", x.DetectorNoise),
            },
        };
        return Checked(file, c);
    }

    // model.type: mesh. The MLP's keys are rejected, the mesh's validated against the data set.
    private static ExperimentConfig LoadMesh(string file, YamlSection root, YamlSection? data, YamlSection model, YamlSection? training, ExperimentConfig d)
    {
        foreach (string key in new[] { "hidden", "dropout", "training_noise", "weight_max", "device" })
        {
            if (model.Has(key))
            {
                throw model.Error(null, key, "applies to model.type: mlp only; a mesh is set by modes, layers, activation, encoding and output_gain.");
            }
        }
        if (model.String("substrate", "photonic", Substrates) != "photonic")
        {
            throw model.Error(null, "substrate", "a mesh is photonic; use substrate: photonic (or model.type: mlp for digital, memristive).");
        }
        string activation = model.String("activation", "photodetector", MeshActivations);
        bool detectors = activation == "photodetector";
        string encoding = model.String("encoding", detectors ? "constant-power" : "fourier-64", Encodings);
        // Each nonlinearity takes the input its repro was built for: photodetector layers re-modulate
        // real values (InSituPhotonic), electro-optic activations act on the complex field (MeshMnist).
        if (encoding != (detectors ? "constant-power" : "fourier-64"))
        {
            throw model.Error(null, "encoding", $"activation: {activation} needs encoding: {(detectors ? "constant-power" : "fourier-64")}.");
        }
        var c = Common(file, root, data, training, d) with
        {
            Model = "mesh",
            Substrate = "photonic",
            Activation = activation,
            Encoding = encoding,
            Modes = model.Int("modes", detectors ? ConstantPowerModes : FourierModes, detectors ? ConstantPowerModes : FourierModes, detectors ? 256 : FourierModes),
            MeshLayers = model.Int("layers", detectors ? 3 : new PnnKit.Photonics.Reproductions.MeshMnistOptions().Meshes, 1, 16),
            OutputGain = model.Double("output_gain", detectors ? PnnKit.Bench.Reproductions.InSituPhotonic.DefaultOutputGain : new PnnKit.Photonics.Reproductions.MeshMnistOptions().OutputGain, 0, 1000, minExclusive: true),
        };
        string[] sets = detectors ? PointSets : ImageSets;
        if (!sets.Contains(c.Data, StringComparer.Ordinal))
        {
            throw new ConfigException($"{file}: data.name: {c.Data} does not fit model.encoding: {encoding}; use one of: {string.Join(", ", sets)}.");
        }
        if (c.AugmentShift != 0)
        {
            throw new ConfigException($"{file}: data.augment_shift applies to model.type: mlp only; set it to 0.");
        }
        if (c.OnDevice && !detectors)
        {
            throw new ConfigException($"{file}: training.method: {c.Method} trains the photodetector meshes of encoding: constant-power on a device; this mesh uses activation: {activation}.");
        }
        return Checked(file, c);
    }

    // model.device: the crossbars' PCM preset; another substrate's preset (or an unknown name) is refused naming the PCM presets.
    private static string MemristiveDevice(YamlSection? model, ExperimentConfig d) =>
        model is null ? d.Device : PresetKey.Read(model, "device", PnnKit.Memristive.Devices.MemristivePresets.Pcm, "PCM")?.Name ?? d.Device;

    private static ExperimentConfig Checked(string file, ExperimentConfig c)
    {
        if (c.WarmupEpochs >= c.Epochs && c.Schedule == "cosine")
        {
            throw new ConfigException($"{file}: training.warmup_epochs ({c.WarmupEpochs}) must be smaller than training.epochs ({c.Epochs}).");
        }
        if (c.OnDevice && c.Model != "mesh")
        {
            throw new ConfigException($"{file}: training.method: {c.Method} trains a device, which model.type: mesh describes; a {c.Model} trains in-silico.");
        }
        if (c.Method != "spsa" && c.SpsaPerturbation != DefaultSpsaPerturbation)
        {
            throw new ConfigException($"{file}: training.spsa_perturbation applies to training.method: spsa only.");
        }
        return c;
    }

    /// <summary>The resolved config as YAML (every field, defaults included), written into the run directory.</summary>
    public string ToYaml() => string.Join('\n', new[]
    {
        $"name: {Name}",
        $"seed: {Seed}",
        "data:",
        $"  name: {Data}",
        DataDir is null ? "  dir: null" : $"  dir: \"{DataDir}\"",
        $"  count: {SyntheticCount}",
        SyntheticNoise is double noise ? $"  noise: {Fmt(noise)}" : "  noise: null",
        $"  validation_fraction: {Fmt(ValidationFraction)}",
        $"  test_fraction: {Fmt(TestFraction)}",
        $"  augment_shift: {AugmentShift}",
        "model:",
        $"  type: {Model}",
        $"  substrate: {Substrate}",
        Substrate == "memristive" ? $"  device: {Device}" : null,
        Substrate == "memristive" && Model == "onnx" ? $"  training_noise: {Fmt(TrainingNoise)}\n  weight_max: {Fmt(WeightMax[0])}" : null,
        Substrate == "memristive" && Model != "onnx" ? $"  training_noise: {Fmt(TrainingNoise)}\n  weight_max: [{string.Join(", ", WeightMax.Select(Fmt))}]" : null,
        Model == "onnx" ? $"  file: \"{OnnxFile}\"" + (Substrate == "photonic" ? $"\n  core: {Core}" : "") + (Substrate == "photonic" && Core == "coherent" ? $"\n  tile_size: {TileSize}" : "") : null,
        Model == "onnx" && Substrate == "photonic" && Core == "intensity-crossbar"
            ? $"  dac_bits: {Crossbar.DacBits}\n  adc_bits: {Crossbar.AdcBits}\n  extinction_ratio_db: {Fmt(Crossbar.ExtinctionRatioDb)}\n  insertion_loss_db: {Fmt(Crossbar.InsertionLossDb)}\n  symbol_rate_hz: {Fmt(Crossbar.SymbolRateHz)}\n  detector_noise: {(Crossbar.DetectorNoise ? "true" : "false")}"
            : null,
        Model == "mesh" ? $"  modes: {Modes}\n  layers: {MeshLayers}\n  encoding: {Encoding}\n  output_gain: {Fmt(OutputGain)}" : Model == "onnx" ? null : $"  hidden: [{string.Join(", ", Hidden)}]",
        Model == "onnx" ? null : $"  activation: {Activation}",
        Model is "mesh" or "onnx" ? null : $"  dropout: {Fmt(Dropout)}",
        "training:",
        $"  loss: {Loss}",
        $"  epochs: {Epochs}",
        $"  batch_size: {BatchSize}",
        $"  optimizer: {Optimizer}",
        $"  learning_rate: {Fmt(LearningRate)}",
        $"  momentum: {Fmt(Momentum)}",
        $"  weight_decay: {Fmt(WeightDecay)}",
        $"  schedule: {Schedule}",
        $"  step_epochs: {StepEpochs}",
        $"  gamma: {Fmt(Gamma)}",
        $"  warmup_epochs: {WarmupEpochs}",
        $"  early_stopping_patience: {(Patience is int p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}",
        $"  method: {Method}",
        Method == "spsa" ? $"  spsa_perturbation: {Fmt(SpsaPerturbation)}" : null,
        "",
    }.OfType<string>());

    private static string Fmt(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
