namespace PnnKit.Spintronics.Tests;

public sealed class PresetTests
{
    [Fact]
    public void MtjPreset_IsTheDefaultJunction()
    {
        var m = SpintronicPresets.MtjIkeda2010.Model;
        Assert.Equal(new MtjParameters(), m);
        Assert.Equal((4.8e3, 1.2, 40.0, 49e-6, 1e-9, 0.1), (m.ParallelResistanceOhms, m.Tmr, m.ThermalStability, m.CriticalCurrentAmps, m.AttemptTimeSeconds, m.ReadVoltage));
        m.Validate();
        Assert.All(SpintronicPresets.MtjIkeda2010.Parameters, q => Assert.True(q.Unit.Length > 0 && q.Source.Length > 0, q.Name));
    }
}
