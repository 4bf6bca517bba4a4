using PnnKit.Core.Layers;

namespace PnnKit.Interop;

/// <summary>What <see cref="OnnxImporter"/> read: the PnnKit model and what the ONNX graph said about it.</summary>
/// <param name="Path">The file read.</param>
/// <param name="Model">The graph as PnnKit layers (digital, float32), in evaluation form (batch norm folded where it follows a linear or conv layer).</param>
/// <param name="InputName">The graph's input.</param>
/// <param name="InputShape">Its shape without the batch axis (e.g. [1, 28, 28]).</param>
/// <param name="OutputName">The graph's output.</param>
/// <param name="Opset">The default-domain opset the file declares.</param>
/// <param name="Producer">The exporter that wrote it (e.g. "pytorch 1.13.0").</param>
/// <param name="OpCounts">How many nodes of each op type the graph holds.</param>
/// <param name="Notes">What the import did beyond a one-to-one mapping (folded batch norms, skipped Identity/Dropout nodes).</param>
public sealed record ImportedModel(string Path, Sequential<float> Model, string InputName, int[] InputShape, string OutputName, int Opset, string Producer,
    IReadOnlyDictionary<string, int> OpCounts, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// The model as a classifier of flat data rows: a final Softmax dropped (losses and argmax read logits) and, for an input
    /// of more than one axis, an <see cref="Unflatten{T}"/> in front that reshapes each row to <see cref="InputShape"/>.
    /// </summary>
    public Sequential<float> OnRows()
    {
        var layers = Model.Layers.ToList();
        if (layers.Count > 0 && layers[^1] is Softmax<float>)
        {
            layers.RemoveAt(layers.Count - 1);
        }
        if (InputShape.Length > 1)
        {
            layers.Insert(0, new Unflatten<float>(InputShape));
        }
        return new Sequential<float>([.. layers]);
    }
}
