namespace PnnKit.Networks.Tests;

public sealed class PresetTests
{
    [Fact]
    public void SpringPreset_IsTheDefaultBond_AndEverySpringNetworkWithoutAMaterialUsesIt()
    {
        Assert.Equal(new BondMaterial(), NetworkPresets.SpringPlaFdm.Model);
        Assert.Equal((3.5e9, 3e-3, 20e-3, 0.4e-3, 4e-3), (NetworkPresets.SpringPlaFdm.Model.YoungModulus, NetworkPresets.SpringPlaFdm.Model.Thickness,
            NetworkPresets.SpringPlaFdm.Model.Length, NetworkPresets.SpringPlaFdm.Model.MinWidth, NetworkPresets.SpringPlaFdm.Model.MaxWidth));
        Assert.Same(NetworkPresets.SpringPlaFdm.Model, new SpringNetwork(TestNetworks.PaperLattice()).Material);
        Assert.All(NetworkPresets.SpringPlaFdm.Parameters, q => Assert.True(q.Unit.Length > 0 && q.Source.Length > 0, q.Name));
    }
}
