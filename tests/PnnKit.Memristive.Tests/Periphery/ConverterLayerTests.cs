using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Tests.Periphery;

public class ConverterLayerTests
{
    [Fact]
    public void Dac_MapsDigitalFullScaleToReadVoltage_Quantized()
    {
        var dac = new Dac<double>(bits: 3, inputRange: 2.0, fullScaleVolts: 0.3);
        var y = dac.Forward(Tensor<double>.FromArray([1.0, -2.0, 5.0], 1, 3), ForwardContext.Eval());
        // 1/2 → code 1.5 → 2 of 3 → 0.2 V; −2 → −0.3 V; 5 saturates at 0.3 V.
        Assert.Equal(0.2, y[0], 1e-12);
        Assert.Equal(-0.3, y[1], 1e-12);
        Assert.Equal(0.3, y[2], 1e-12);
        Assert.Equal((Domain.Digital, Domain.Electrical), (dac.InputDomain, dac.OutputDomain));
    }

    [Fact]
    public void Dac_BackwardIsStraightThroughInsideRange_AndZeroWhenSaturated()
    {
        var dac = new Dac<double>(bits: 4, inputRange: 1.0, fullScaleVolts: 0.2);
        dac.Forward(Tensor<double>.FromArray([0.3, 3.0], 1, 2), ForwardContext.Train());
        var dx = dac.Backward(Tensor<double>.FromArray([1.0, 1.0], 1, 2));
        Assert.Equal(0.2, dx[0], 1e-15);
        Assert.Equal(0.0, dx[1]);
    }

    [Fact]
    public void Adc_OutputNoise_HasTheConfiguredStandardDeviation()
    {
        const int n = 20000;
        var adc = new Adc<double>(fullScaleAmps: 10e-6, bits: null, noiseFraction: 0.02);
        var x = new Tensor<double>(1, n);
        x.Fill(2e-6); // 0.2 of full scale
        var y = adc.Forward(x, ForwardContext.Eval(5));
        double mean = y.Data.Average();
        double std = Math.Sqrt(y.Data.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        Assert.Equal(0.2, mean, 0.02 * 4 / Math.Sqrt(n));
        Assert.InRange(std, 0.02 * 0.97, 0.02 * 1.03);
    }

    [Fact]
    public void Adc_ChargesWaldenEnergyPerConversion_AndTia()
    {
        var ledger = new CostLedger();
        var adc = new Adc<float>(fullScaleAmps: 1e-6, bits: 6);
        adc.Forward(new Tensor<float>(4, 8), new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        var e = ledger.Entries.Single(x => x.Component == "adc");
        // 32 conversions × 10 fJ × 2⁶.
        Assert.Equal(32 * 10e-15 * 64, e.EnergyJoules, 1e-20);
        Assert.Equal(CostCategory.Converter, e.Category);
        var tia = ledger.Entries.Single(x => x.Component == "adc TIA");
        Assert.Equal(32 * 20e-6 * 250e-9, tia.EnergyJoules, 1e-20);
    }

    [Fact]
    public void DacCrossbarAdc_Chain_IsADomainValidModel()
    {
        var model = new Sequential<double>(new Dac<double>(), new Adc<double>(1e-6));
        Assert.Equal(Domain.Digital, model.OutputDomain);
        var ex = Assert.Throws<DomainMismatchException>(() => new Sequential<double>(new Adc<double>(1e-6), new Adc<double>(1e-6)));
        Assert.Contains("adc", ex.Message);
    }

    [Theory]
    [InlineData(0.0, "fullScaleAmps")]
    [InlineData(-1e-6, "fullScaleAmps")]
    public void Adc_RefusesNonPositiveFullScale(double fs, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Adc<double>(fs));
        Assert.Equal(param, ex.ParamName);
    }

    [Fact]
    public void Adc_RefusesBitsOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Adc<double>(1e-6, bits: 40));
        Assert.Equal("bits", ex.ParamName);
        Assert.Contains("[2, 24]", ex.Message);
    }
}
