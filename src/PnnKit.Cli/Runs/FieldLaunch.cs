using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Costs;

namespace PnnKit.Cli.Runs;

/// <summary>
/// The IQ modulators that launch an encoded complex field (re and im halves of each row) on
/// <c>modes</c> waveguides. Values pass unchanged; what it adds is the cost: two amplitude
/// modulators and DACs per waveguide and sample, charged as <c>pnn repro mesh-mnist</c> does.
/// </summary>
internal sealed class FieldLaunch(int modes) : ILayer<float>
{
    public string Name => "input IQ";

    public Domain InputDomain => Domain.Digital;

    public Domain OutputDomain => Domain.Optical;

    public IReadOnlyList<Parameter<float>> Parameters => [];

    public Tensor<float> Forward(Tensor<float> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.RowLength != 2 * modes)
        {
            throw new ArgumentException($"Expected {modes} complex amplitudes (2 × {modes} values) per row; got {x.RowLength}.", nameof(x));
        }
        if (ctx?.Ledger is not null)
        {
            // An IQ modulator is two amplitude modulators, each with its DAC.
            PhotonicCostModel.Default.ChargeModulators(ctx.Ledger, Name, 2 * modes, x.Rows);
        }
        return x;
    }

    public Tensor<float> Backward(Tensor<float> gradOutput) => gradOutput;
}
