using System.Reflection;
using PnnKit.Core.Costs;

namespace PnnKit.Core.Tests.Costs;

public class QuantityTests
{
    [Fact]
    public void PowerTimesDuration_IsEnergy_AndEnergyDividedBack_GivesPowerAndDuration()
    {
        var p = Power.FromMilliwatts(20);
        var t = new Duration(250e-9);
        Energy e = p * t;
        Assert.Equal(5e-9, e.Joules, 1e-24);
        Assert.Equal(e, t * p);
        Assert.Equal(p.Watts, (e / t).Watts, 1e-18);
        Assert.Equal(t.Seconds, (e / p).Seconds, 1e-22);
    }

    [Fact]
    public void SameUnitArithmetic_AndRatios_AreDimensionless()
    {
        var a = Energy.FromPicojoules(3);
        var b = Energy.FromPicojoules(1);
        Assert.Equal(4, (a + b).Picojoules, 12);
        Assert.Equal(2, (a - b).Picojoules, 12);
        Assert.Equal(6, (a * 2).Picojoules, 12);
        Assert.Equal(6, (2 * a).Picojoules, 12);
        Assert.Equal(1.5, (a / 2).Picojoules, 12);
        double ratio = a / b;
        Assert.Equal(3, ratio, 12);
        Assert.True(a > b && b < a && a >= Energy.FromPicojoules(3) && b <= a);
        Assert.Equal(12, Duration.FromDays(1) / new Duration(7200), 12);
        Assert.Equal(0.5, Power.FromMilliwatts(1) / Power.FromMilliwatts(2), 12);
        Assert.Equal(Energy.FromPicojoules(4), Energy.Sum([a, b]));
    }

    [Fact]
    public void Conversions_UseTheStatedFactors()
    {
        Assert.Equal(86_400, Duration.FromDays(1).Seconds);
        Assert.Equal(365 * 86_400, Duration.FromYears(1).Seconds);
        Assert.Equal(1e-10, Duration.FromRate(10e9).Seconds, 1e-24);
        Assert.Equal(1e-12, Energy.FromPicojoules(1).Joules, 1e-27);
        Assert.Equal(2e-3, Power.FromMilliwatts(2).Watts, 1e-18);
    }

    [Theory]
    [InlineData(1.234e-8, "12.3 nJ")]
    [InlineData(5e-13, "500 fJ")]
    [InlineData(2.5, "2.5 J")]
    [InlineData(0, "0 J")]
    public void Energy_PrintsWithAnSiPrefix(double joules, string expected) => Assert.Equal(expected, new Energy(joules).ToString());

    [Fact]
    public void Power_AndDuration_PrintWithTheirUnits()
    {
        Assert.Equal("4.5 mW", Power.FromMilliwatts(4.5).ToString());
        Assert.Equal("250 ns", new Duration(250e-9).ToString());
    }

    [Fact]
    public void Ledger_TakesAndGivesTypedQuantities()
    {
        // The typed members exist with these exact types, so joules, watts and seconds cannot be swapped.
        var t = typeof(CostLedger);
        Assert.NotNull(t.GetMethod(nameof(CostLedger.Charge), [typeof(string), typeof(CostCategory), typeof(Energy), typeof(long), typeof(Duration), typeof(ICostModel)]));
        Assert.NotNull(t.GetMethod(nameof(CostLedger.AddStaticPower), [typeof(string), typeof(Power), typeof(ICostModel)]));
        Assert.Equal(typeof(Energy), t.GetMethod(nameof(CostLedger.SystemEnergy), [typeof(Duration)])!.ReturnType);
        Assert.Equal(typeof(Energy), t.GetProperty(nameof(CostLedger.CoreEnergy))!.PropertyType);
        Assert.Equal(typeof(Duration), t.GetProperty(nameof(CostLedger.Latency))!.PropertyType);
        Assert.Equal(typeof(Power), t.GetProperty(nameof(CostLedger.TotalStaticPower))!.PropertyType);

        var ledger = new CostLedger();
        ledger.Charge("array", CostCategory.Core, Energy.FromPicojoules(8), 4, new Duration(1e-6));
        ledger.AddStaticPower("bias", Power.FromMilliwatts(1));
        ledger.RecordInferences(4);
        Assert.Equal(Energy.FromPicojoules(2), ledger.CoreEnergy);
        Assert.Equal(new Duration(1e-6), ledger.Latency);
        // 2 pJ dynamic + 1 mW × 1 µs = 1 nJ static.
        Assert.Equal(1.002e-9, ledger.SystemEnergy(ledger.Latency).Joules, 1e-21);
        Assert.Equal(ledger.SystemEnergy(ledger.Latency).Joules, ledger.SystemEnergyPerInference(ledger.LatencySeconds));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.Charge("x", CostCategory.Core, Energy.FromPicojoules(1), 1, new Duration(double.NaN)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.AddStaticPower("x", new Power(-1)));
    }

    [Fact]
    public void Ledger_HasNoUntypedChargeOrStaticPower()
    {
        // Only the typed forms exist, so watts or seconds passed where joules belong do not compile.
        var writers = typeof(CostLedger).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name is nameof(CostLedger.Charge) or nameof(CostLedger.AddStaticPower))
            .ToList();
        Assert.Contains(writers, m => m.Name == nameof(CostLedger.Charge));
        Assert.Contains(writers, m => m.Name == nameof(CostLedger.AddStaticPower));
        Assert.All(writers, m => Assert.DoesNotContain(m.GetParameters(), p => p.ParameterType == typeof(double)));
    }

    [Fact]
    public void Quantities_AreValueTypes_WithNoImplicitConversionFromDouble()
    {
        // A double must be wrapped on purpose: no implicit or explicit operator converts it silently.
        foreach (var type in new[] { typeof(Energy), typeof(Power), typeof(Duration) })
        {
            Assert.True(type.IsValueType);
            Assert.DoesNotContain(type.GetMethods(BindingFlags.Public | BindingFlags.Static), m => m.Name is "op_Implicit" or "op_Explicit");
        }
    }
}
