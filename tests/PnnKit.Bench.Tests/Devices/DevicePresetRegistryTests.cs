using System.Text.RegularExpressions;
using PnnKit.Bench.Devices;

namespace PnnKit.Bench.Tests.Devices;

public sealed partial class DevicePresetRegistryTests
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [Fact]
    public void Registry_HoldsEverySubstratesPresets_UnderUniqueKebabCaseNames()
    {
        Assert.Equal(
            ["pcm-joshi-2020", "rram-yao-2020", "flash-mythic-40nm", "adc-sar-murmann", "heater-si-harris-2014", "mzi-si-thermo-optic", "pd-ge-si-michel-2010", "accel-eac-chen-2023", "spring-pla-fdm", "mtj-ikeda-2010"],
            DevicePresetRegistry.Names);
        Assert.All(DevicePresetRegistry.Names, n => Assert.Matches(KebabCase(), n));
        Assert.Equal(["memristive", "photonic", "mechanical", "spintronic"], DevicePresetRegistry.All.Select(p => p.Substrate).Distinct());
    }

    [Fact]
    public void EveryParameter_HasAUnitAndASource_AndEveryPresetASummaryAndSource()
    {
        foreach (var p in DevicePresetRegistry.All)
        {
            Assert.True(p.Summary.Length > 0 && p.Source.Length > 0 && p.Device.Length > 0, p.Name);
            Assert.NotEmpty(p.Parameters);
            Assert.Equal(p.Parameters.Count, p.Parameters.Select(q => q.Name).Distinct().Count());
            Assert.All(p.Parameters, q => Assert.True(q.Unit.Trim().Length > 0 && q.Source.Trim().Length > 0 && double.IsFinite(q.Value), $"{p.Name}.{q.Name}"));
        }
    }

    [Fact]
    public void EveryParameterNamedAfterAProperty_ShowsThatPropertysValue()
    {
        // What `pnn devices show` prints is what the record holds: a parameter named like a numeric property has its value.
        int checkedCount = 0;
        foreach (var p in DevicePresetRegistry.All)
        {
            foreach (var q in p.Parameters)
            {
                var prop = p.ModelObject.GetType().GetProperty(q.Name);
                if (prop?.GetValue(p.ModelObject) is { } v && (v is double || v is int))
                {
                    Assert.True(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) == q.Value, $"{p.Name}.{q.Name}: shown {q.Value}, record {v}");
                    checkedCount++;
                }
            }
        }
        Assert.True(checkedCount >= 40, $"only {checkedCount} parameters matched a property");
    }

    [Fact]
    public void Get_UnknownName_ListsThePresets()
    {
        Assert.Same(DevicePresetRegistry.All[1], DevicePresetRegistry.Get("rram-yao-2020"));
        var e = Assert.Throws<ArgumentException>(() => DevicePresetRegistry.Get("pcm-ibm-2021"));
        Assert.Contains("pcm-joshi-2020, rram-yao-2020", e.Message, StringComparison.Ordinal);
    }
}
