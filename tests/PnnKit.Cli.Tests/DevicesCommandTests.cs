using System.Text.Json;
using PnnKit.Cli.Config;
using PnnKit.Cli.Runs;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Cli.Tests;

/// <summary>`pnn devices list | show NAME`, and model.device naming a preset in experiment configs.</summary>
public sealed class DevicesCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-devices-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string yaml)
    {
        string path = Path.Combine(_dir, "exp.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void List_Json_NamesEveryPresetWithSubstrateDeviceSummaryAndSource()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "devices", "list", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(PnnKit.Bench.Devices.DevicePresetRegistry.Names, rows.Select(r => r.GetProperty("name").GetString()));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("source").GetString())));
        var (tcode, table, _) = Pnn.Run(_dir, "devices", "list");
        Assert.Equal(0, tcode);
        Assert.Contains("mtj-ikeda-2010", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_Json_ListsEveryParameterWithValueUnitAndSource()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "devices", "show", "rram-yao-2020", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var ps = doc.RootElement.GetProperty("parameters").EnumerateArray().ToList();
        Assert.Equal(MemristivePresets.RramYao2020.Parameters.Count, ps.Count);
        var readVoltage = ps.Single(p => p.GetProperty("name").GetString() == "ReadVoltage");
        Assert.Equal(0.2, readVoltage.GetProperty("value").GetDouble());
        Assert.Equal("V", readVoltage.GetProperty("unit").GetString());
        Assert.Contains("Yao", readVoltage.GetProperty("source").GetString(), StringComparison.Ordinal);
        var (tcode, text, _) = Pnn.Run(_dir, "devices", "show", "pcm-joshi-2020");
        Assert.Equal(0, tcode);
        Assert.Contains("ConductionActivationEnergy", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_UnknownName_Exits2_ListingThePresets_AndOtherOptionsAreRefused()
    {
        var (code, _, err) = Pnn.Run(_dir, "devices", "show", "pcm-ibm-2021");
        Assert.Equal(2, code);
        Assert.Contains("no device preset 'pcm-ibm-2021'", err, StringComparison.Ordinal);
        Assert.Contains("pcm-joshi-2020, rram-yao-2020", err, StringComparison.Ordinal);
        var (ocode, _, oerr) = Pnn.Run(_dir, "devices", "list", "--seed", "3");
        Assert.Equal(2, ocode);
        Assert.Contains("--seed", oerr, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelDevice_NamingThePcmPreset_GivesTheDefaultModel_AndReadsBack()
    {
        var named = ExperimentConfig.Load(Write("model: {substrate: memristive, device: pcm-joshi-2020, hidden: [4]}\n"));
        var plain = ExperimentConfig.Load(Write("model: {substrate: memristive, hidden: [4]}\n"));
        Assert.Equal("pcm-joshi-2020", named.Device);
        Assert.Equal(plain with { Hidden = [], WeightMax = [] }, named with { Hidden = [], WeightMax = [] });
        var again = ExperimentConfig.Load(Write(named.ToYaml()));
        Assert.Equal(named.Device, again.Device);
        Assert.Contains("  device: pcm-joshi-2020", named.ToYaml(), StringComparison.Ordinal);
        // The crossbars the model builds use the preset's record.
        var model = ModelFactory.Model(named, 4, 3);
        Assert.All(AnalogLayers.Of(model), l => Assert.Same(MemristivePresets.PcmJoshi2020.Model, l.Config.Device));
    }

    [Theory]
    [InlineData("model: {substrate: memristive, device: rram-yao-2020}\n", "'rram-yao-2020' is a memristive RRAM cell (1T1R) preset; this field takes a PCM preset: pcm-joshi-2020")]
    [InlineData("model: {substrate: memristive, device: mtj-ikeda-2010}\n", "'mtj-ikeda-2010' is a spintronic magnetic tunnel junction preset")]
    [InlineData("model: {substrate: memristive, device: pcm-ibm-2021}\n", "'pcm-ibm-2021' is not a device preset (pnn devices list); use one of: pcm-joshi-2020")]
    [InlineData("model: {device: pcm-joshi-2020}\n", "model.device apply to model.substrate: memristive only")]
    [InlineData("model: {type: mesh, device: pcm-joshi-2020}\ndata: {name: moons}\n", "model.device: applies to model.type: mlp only")]
    public void ModelDevice_WrongName_IsAConfigErrorNamingFileFieldAndAllowedNames(string yaml, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentConfig.Load(Write(yaml)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains("exp.yaml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServedMesh_VariationMayNameTheMziProcessPreset()
    {
        var devices = File.ReadAllText(Pnn.Repo("configs", "devices", "mesh-4x4.yaml"));
        string path = Path.Combine(_dir, "mesh.yaml");
        File.WriteAllText(path, devices.Replace("variation: typical", "variation: mzi-si-thermo-optic", StringComparison.Ordinal));
        var byPreset = DeviceConfig.Load(path);
        var typical = DeviceConfig.Load(Pnn.Repo("configs", "devices", "mesh-4x4.yaml"));
        var (a, b) = (typical.Single(), byPreset.Single());
        var controls = new double[a.Info.ControlCount];
        a.Apply(controls);
        b.Apply(controls);
        var x = Enumerable.Repeat(0.5, a.Info.InputSize).ToArray();
        Assert.Equal(a.Run(x, 1).Outputs, b.Run(x, 1).Outputs);
        File.WriteAllText(path, devices.Replace("variation: typical", "variation: heater-si-harris-2014", StringComparison.Ordinal));
        var e = Assert.Throws<ConfigException>(() => DeviceConfig.Load(path));
        Assert.Contains("device.variation", e.Message, StringComparison.Ordinal);
        Assert.Contains("mzi-si-thermo-optic", e.Message, StringComparison.Ordinal);
    }
}
