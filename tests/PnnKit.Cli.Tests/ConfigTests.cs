using CsCheck;
using PnnKit.Cli.Config;

namespace PnnKit.Cli.Tests;

public sealed class ConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string yaml, string name = "exp")
    {
        string path = Path.Combine(_dir, name + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private ConfigException Fails(string yaml) => Assert.Throws<ConfigException>(() => ExperimentConfig.Load(Write(yaml)));

    [Fact]
    public void ValidConfig_IsReadWithDefaultsForMissingFields()
    {
        var c = ExperimentConfig.Load(Write("""
            seed: 3
            data:
              name: iris
            model:
              hidden: [32, 16]
              activation: tanh
            training:
              epochs: 5
              optimizer: sgd
              momentum: 0.9
              learning_rate: 0.05
            """));
        Assert.Equal(3, c.Seed);
        Assert.Equal("iris", c.Data);
        Assert.Equal([32, 16], c.Hidden);
        Assert.Equal("sgd", c.Optimizer);
        Assert.Equal(0.9, c.Momentum);
        Assert.Equal(64, c.BatchSize);
        Assert.Equal("exp", c.Name);
    }

    [Fact]
    public void ResolvedYaml_ReadsBackToTheSameConfig()
    {
        var c = ExperimentConfig.Load(Write("data: {name: moons, count: 500, noise: 0.2}\ntraining: {schedule: cosine, warmup_epochs: 2, early_stopping_patience: 3}\n"));
        var again = ExperimentConfig.Load(Write(c.ToYaml()));
        Assert.Equal(c with { Hidden = [], WeightMax = [] }, again with { Hidden = [], WeightMax = [] });
        Assert.Equal(c.Hidden, again.Hidden);
    }

    [Fact]
    public void MemristiveModel_ReadsBack_AndItsFieldsAreChecked()
    {
        var c = ExperimentConfig.Load(Write("model: {substrate: memristive, training_noise: 0.5, weight_max: [0.3, 1.0], hidden: [16]}\n"));
        Assert.Equal("memristive", c.Substrate);
        Assert.Equal([0.3, 1.0], c.WeightMax);
        var again = ExperimentConfig.Load(Write(c.ToYaml()));
        Assert.Equal(c with { Hidden = [], WeightMax = [] }, again with { Hidden = [], WeightMax = [] });
        Assert.Equal(c.WeightMax, again.WeightMax);
        Assert.Contains("one per linear layer (2)", Fails("model: {substrate: memristive, weight_max: [0.3, 1.0, 2.0], hidden: [16]}\n").Message, StringComparison.Ordinal);
        Assert.Contains("model.weight_max[1]", Fails("model: {substrate: memristive, weight_max: [0.3, -1]}\n").Message, StringComparison.Ordinal);
        Assert.Contains("memristive only", Fails("model: {training_noise: 1.0}\n").Message, StringComparison.Ordinal);
        Assert.Contains("digital, memristive", Fails("model: {substrate: quantum}\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_IsNamedWithLineAndAllowedKeys()
    {
        var e = Fails("data:\n  name: iris\n  nmae: x\n");
        Assert.Contains("exp.yaml:3", e.Message, StringComparison.Ordinal);
        Assert.Contains("data.nmae", e.Message, StringComparison.Ordinal);
        Assert.Contains("allowed keys here: name, dir", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongType_IsNamedWithTheAllowedRange()
    {
        var e = Fails("training:\n  epochs: ten\n");
        Assert.Contains("training.epochs", e.Message, StringComparison.Ordinal);
        Assert.Contains("integer in [1, 100000]", e.Message, StringComparison.Ordinal);
        Assert.Contains("'ten'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("training:\n  batch_size: -4\n", "training.batch_size")]
    [InlineData("model:\n  hidden: [256, -1]\n", "model.hidden[1]")]
    [InlineData("training:\n  learning_rate: 0\n", "training.learning_rate")]
    [InlineData("training:\n  learning_rate: .nan\n", "training.learning_rate")]
    [InlineData("data:\n  validation_fraction: 1.5\n", "data.validation_fraction")]
    public void OutOfRangeValues_AreRefused_NamingTheField(string yaml, string field)
    {
        Assert.Contains(field, Fails(yaml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownChoice_ListsTheAllowedValues()
    {
        var e = Fails("training:\n  optimizer: adagrad\n");
        Assert.Contains("use one of: sgd, adam, adamw", e.Message, StringComparison.Ordinal);
        e = Fails("data:\n  name: cifar\n");
        Assert.Contains("iris, mnist-subset", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("training:\n  method: backprop\n", "use one of: in-silico, physics-aware, in-situ, spsa")]
    [InlineData("training:\n  method: in-situ\n", "training.method: in-situ trains a device, which model.type: mesh describes")]
    [InlineData("training:\n  spsa_perturbation: 0.1\n", "training.spsa_perturbation applies to training.method: spsa only")]
    [InlineData("training:\n  method: spsa\n  spsa_perturbation: 0\n", "training.spsa_perturbation")]
    public void DeviceTrainingMethods_AreChecked(string yaml, string message)
    {
        Assert.Contains(message, Fails(yaml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedYaml_NamesFileAndLine()
    {
        var e = Fails("data:\n  name: [iris\nmodel: x\n");
        Assert.Contains("exp.yaml:", e.Message, StringComparison.Ordinal);
        Assert.Contains("malformed YAML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyText_EitherLoadsOrFailsWithAConfigException()
    {
        // Fragments of valid configs spliced at random: the loader must never crash with another exception.
        string[] pieces = ["data:", "\n", "  name: iris", "[", "]", "{", "}", ":", "training:", "  epochs: 3", "- x", "\"", "'", "model: {hidden: [1, 2]}", " ", "#c", "&a", "*a", "!!int", "\t"];
        Gen.Int[0, pieces.Length - 1].Array[0, 30].Sample(idx =>
        {
            string path = Write(string.Concat(idx.Select(i => pieces[i])), Guid.NewGuid().ToString("N"));
            try
            {
                ExperimentConfig.Load(path);
            }
            catch (ConfigException)
            {
                // The only allowed failure.
            }
        }, iter: 2000);
    }

    [Fact]
    public void NonMappingRoot_AndMissingFile_AreRefused()
    {
        Assert.Contains("must be a YAML mapping", Fails("- a\n- b\n").Message, StringComparison.Ordinal);
        var e = Assert.Throws<ConfigException>(() => ExperimentConfig.Load(Path.Combine(_dir, "missing.yaml")));
        Assert.Contains("missing.yaml", e.Message, StringComparison.Ordinal);
    }
}
