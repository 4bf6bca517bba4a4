using PnnKit.Core.Physical;

namespace PnnKit.Core.Tests.Physical;

public sealed class DevicePresetTests
{
    private sealed record Cell(double G);

    [Fact]
    public void DevicePreset_HoldsItsTypedRecord_AndExposesItUntyped()
    {
        var cell = new Cell(1e-6);
        DevicePreset preset = new DevicePreset<Cell>
        {
            Name = "cell-test",
            Substrate = "memristive",
            Device = "cell",
            Summary = "a cell",
            Source = "assumption",
            Model = cell,
            Parameters = [new("G", cell.G, "S", "assumption")],
        };
        Assert.Same(cell, preset.ModelObject);
        Assert.Same(cell, ((DevicePreset<Cell>)preset).Model);
        Assert.Equal(new DeviceParameter("G", 1e-6, "S", "assumption"), Assert.Single(preset.Parameters));
    }
}
