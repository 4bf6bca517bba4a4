namespace PnnKit.Interop;

/// <summary>
/// An ONNX file PnnKit cannot read or write: not a model, an opset below 13, an unsupported operator or attribute.
/// The message names the file, the node (name and op type) and what is allowed.
/// </summary>
public sealed class OnnxModelException : Exception
{
    /// <summary>An empty message; prefer the other constructors.</summary>
    public OnnxModelException() { }

    /// <summary>A one-line message naming the file, node and what was expected.</summary>
    public OnnxModelException(string message) : base(message) { }

    /// <summary>A one-line message and the lower-level cause (a protobuf parse error).</summary>
    public OnnxModelException(string message, Exception innerException) : base(message, innerException) { }
}
