namespace PnnKit.Core.Layers;

/// <summary>
/// The sliding window of a pooling layer: kernel, stride and padding, checked once, with the
/// clipping that keeps pad positions out of every window (ONNX MaxPool and AveragePool, floor mode).
/// </summary>
internal sealed class PoolWindow
{
    public PoolWindow(int kernelH, int kernelW, int strideH, int strideW, int padTop, int padLeft, int padBottom, int padRight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelW);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strideH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strideW);
        // A pad as wide as the kernel would make a window of padding alone: no maximum, a zero divisor.
        CheckPad(padTop, kernelH, nameof(padTop));
        CheckPad(padBottom, kernelH, nameof(padBottom));
        CheckPad(padLeft, kernelW, nameof(padLeft));
        CheckPad(padRight, kernelW, nameof(padRight));
        (KernelH, KernelW, StrideH, StrideW, PadTop, PadLeft, PadBottom, PadRight) = (kernelH, kernelW, strideH, strideW, padTop, padLeft, padBottom, padRight);
    }

    public int KernelH { get; }

    public int KernelW { get; }

    public int StrideH { get; }

    public int StrideW { get; }

    public int PadTop { get; }

    public int PadLeft { get; }

    public int PadBottom { get; }

    public int PadRight { get; }

    public int OutputHeight(int h) => ImageShape.OutputSize(h, PadTop, PadBottom, KernelH, StrideH, 1);

    public int OutputWidth(int w) => ImageShape.OutputSize(w, PadLeft, PadRight, KernelW, StrideW, 1);

    /// <summary>Input rows [lo, hi) under output row <paramref name="i"/>, pad rows left out.</summary>
    public (int Lo, int Hi) Rows(int i, int h)
    {
        int start = (i * StrideH) - PadTop;
        return (Math.Max(start, 0), Math.Min(start + KernelH, h));
    }

    /// <summary>Input columns [lo, hi) under output column <paramref name="j"/>, pad columns left out.</summary>
    public (int Lo, int Hi) Columns(int j, int w)
    {
        int start = (j * StrideW) - PadLeft;
        return (Math.Max(start, 0), Math.Min(start + KernelW, w));
    }

    public string Describe => $"{KernelH}×{KernelW} window with its padding";

    private static void CheckPad(int pad, int kernel, string name)
    {
        if (pad < 0 || pad >= kernel)
        {
            throw new ArgumentOutOfRangeException(name, $"Pooling pad must be in [0, kernel − 1] = [0, {kernel - 1}], got {pad}: a window of padding alone has no value.");
        }
    }
}
