using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PnnKit.Photonics.Meshes;

/// <summary>
/// The inner loops of <see cref="MziMesh{T}"/>: one MZI cell applied to, or sent back through, two
/// modes of a mode-major field (mode m, sample b at [m·batch + b]; imaginary parts from imOff on),
/// on <see cref="Vector{T}"/> lanes over the batch. The offsets are checked once per call, so the
/// vector loops read and write through unchecked references. The kernels are compiled fully
/// optimized at once (as the GEMM kernels are): a mesh pass calls them thousands of times.
/// </summary>
internal static class MziCellKernels<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Values per cell in the forward constants: the 2×2 transfer matrix (a, b; c, d) as re, im pairs.</summary>
    public const int ForwardStride = 8;

    /// <summary>Values per cell in the adjoint constants: t₁, k₁, α·t₂, α·k₂, cos θ, sin θ, cos φ, sin φ.</summary>
    public const int AdjointStride = 8;

    /// <summary>y = U·x on the mode pair at offsets o0, o1 for <paramref name="batch"/> samples; u holds <see cref="ForwardStride"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(ReadOnlySpan<T> u, T[] src, T[] dst, int o0, int o1, int imOff, int batch)
    {
        CheckRange(src, o0, o1, imOff, batch);
        CheckRange(dst, o0, o1, imOff, batch);
        T ar = u[0], ai = u[1], br = u[2], bi = u[3], cr = u[4], ci = u[5], dr = u[6], di = u[7];
        int b = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            ref T s = ref MemoryMarshal.GetArrayDataReference(src);
            ref T d = ref MemoryMarshal.GetArrayDataReference(dst);
            nuint r0 = (nuint)o0, r1 = (nuint)o1, i0 = (nuint)(imOff + o0), i1 = (nuint)(imOff + o1);
            Vector<T> var_ = new(ar), vai = new(ai), vbr = new(br), vbi = new(bi), vcr = new(cr), vci = new(ci), vdr = new(dr), vdi = new(di);
            for (; b <= batch - Vector<T>.Count; b += Vector<T>.Count)
            {
                nuint k = (nuint)b;
                var pr = Vector.LoadUnsafe(ref s, r0 + k);
                var pi = Vector.LoadUnsafe(ref s, i0 + k);
                var qr = Vector.LoadUnsafe(ref s, r1 + k);
                var qi = Vector.LoadUnsafe(ref s, i1 + k);
                ((var_ * pr) - (vai * pi) + (vbr * qr) - (vbi * qi)).StoreUnsafe(ref d, r0 + k);
                ((var_ * pi) + (vai * pr) + (vbr * qi) + (vbi * qr)).StoreUnsafe(ref d, i0 + k);
                ((vcr * pr) - (vci * pi) + (vdr * qr) - (vdi * qi)).StoreUnsafe(ref d, r1 + k);
                ((vcr * pi) + (vci * pr) + (vdr * qi) + (vdi * qr)).StoreUnsafe(ref d, i1 + k);
            }
        }
        for (; b < batch; b++)
        {
            T pr = src[o0 + b], pi = src[imOff + o0 + b], qr = src[o1 + b], qi = src[imOff + o1 + b];
            dst[o0 + b] = (ar * pr) - (ai * pi) + (br * qr) - (bi * qi);
            dst[imOff + o0 + b] = (ar * pi) + (ai * pr) + (br * qi) + (bi * qr);
            dst[o1 + b] = (cr * pr) - (ci * pi) + (dr * qr) - (di * qi);
            dst[imOff + o1 + b] = (cr * pi) + (ci * pr) + (dr * qi) + (di * qr);
        }
    }

    /// <summary>
    /// The adjoint of one cell (T = α·B₂·Dθ·B₁·Dφ), stage by stage: reads the forward field x entering
    /// the cell and the adjoint field g leaving it, writes the adjoint field h entering it, and returns
    /// ∂L/∂θ = −Σ Im(conj(w)·c) with c the forward and w the adjoint field just after the θ shifter
    /// (likewise for φ), summed over the batch. c holds <see cref="AdjointStride"/> values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (T DTheta, T DPhi) Adjoint(ReadOnlySpan<T> c, T[] x, T[] g, T[] h, int o0, int o1, int imOff, int batch)
    {
        CheckRange(x, o0, o1, imOff, batch);
        CheckRange(g, o0, o1, imOff, batch);
        CheckRange(h, o0, o1, imOff, batch);
        T sumT = T.Zero, sumP = T.Zero;
        int b = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && batch >= Vector<T>.Count)
        {
            ref T rx = ref MemoryMarshal.GetArrayDataReference(x);
            ref T rg = ref MemoryMarshal.GetArrayDataReference(g);
            ref T rh = ref MemoryMarshal.GetArrayDataReference(h);
            nuint r0 = (nuint)o0, r1 = (nuint)o1, i0 = (nuint)(imOff + o0), i1 = (nuint)(imOff + o1);
            Vector<T> t1 = new(c[0]), k1 = new(c[1]), t2 = new(c[2]), k2 = new(c[3]), ct = new(c[4]), st = new(c[5]), cp = new(c[6]), sp = new(c[7]);
            Vector<T> accT = Vector<T>.Zero, accP = Vector<T>.Zero;
            for (; b <= batch - Vector<T>.Count; b += Vector<T>.Count)
            {
                nuint k = (nuint)b;
                Vector<T> x0r = Vector.LoadUnsafe(ref rx, r0 + k), x0i = Vector.LoadUnsafe(ref rx, i0 + k);
                Vector<T> x1r = Vector.LoadUnsafe(ref rx, r1 + k), x1i = Vector.LoadUnsafe(ref rx, i1 + k);
                Vector<T> g0r = Vector.LoadUnsafe(ref rg, r0 + k), g0i = Vector.LoadUnsafe(ref rg, i0 + k);
                Vector<T> g1r = Vector.LoadUnsafe(ref rg, r1 + k), g1i = Vector.LoadUnsafe(ref rg, i1 + k);
                var w0r = (t2 * g0r) + (k2 * g1i);
                var w0i = (t2 * g0i) - (k2 * g1r);
                var w1r = (k2 * g0i) + (t2 * g1r);
                var w1i = (t2 * g1i) - (k2 * g0r);
                var a0r = (cp * x0r) - (sp * x0i);
                var a0i = (cp * x0i) + (sp * x0r);
                var b0r = (t1 * a0r) - (k1 * x1i);
                var b0i = (t1 * a0i) + (k1 * x1r);
                var c0r = (ct * b0r) - (st * b0i);
                var c0i = (ct * b0i) + (st * b0r);
                accT -= (w0r * c0i) - (w0i * c0r);
                var q0r = (ct * w0r) + (st * w0i);
                var q0i = (ct * w0i) - (st * w0r);
                var r0r = (t1 * q0r) + (k1 * w1i);
                var r0i = (t1 * q0i) - (k1 * w1r);
                ((k1 * q0i) + (t1 * w1r)).StoreUnsafe(ref rh, r1 + k);
                ((t1 * w1i) - (k1 * q0r)).StoreUnsafe(ref rh, i1 + k);
                accP -= (r0r * a0i) - (r0i * a0r);
                ((cp * r0r) + (sp * r0i)).StoreUnsafe(ref rh, r0 + k);
                ((cp * r0i) - (sp * r0r)).StoreUnsafe(ref rh, i0 + k);
            }
            sumT = Vector.Sum(accT);
            sumP = Vector.Sum(accP);
        }
        var (tailT, tailP) = AdjointScalar(c, x, g, h, o0, o1, imOff, b, batch, default, default, default, default);
        return (sumT + tailT, sumP + tailP);
    }

    /// <summary>
    /// <see cref="Adjoint"/> for samples <paramref name="start"/> ≤ b &lt; <paramref name="end"/>, one at a
    /// time; when the tap spans are not empty it also writes the adjoint field just after the θ shifter
    /// (wTheta) and just after the φ shifter (wPhi) of the top arm, sample b at index b.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (T DTheta, T DPhi) AdjointScalar(ReadOnlySpan<T> c, T[] x, T[] g, T[] h, int o0, int o1, int imOff, int start, int end,
        Span<T> wThetaR, Span<T> wThetaI, Span<T> wPhiR, Span<T> wPhiI)
    {
        bool collect = wThetaR.Length > 0;
        T t1 = c[0], k1 = c[1], t2 = c[2], k2 = c[3], ct = c[4], st = c[5], cp = c[6], sp = c[7];
        T accT = T.Zero, accP = T.Zero;
        for (int b = start; b < end; b++)
        {
            T x0r = x[o0 + b], x0i = x[imOff + o0 + b], x1r = x[o1 + b], x1i = x[imOff + o1 + b];
            T g0r = g[o0 + b], g0i = g[imOff + o0 + b], g1r = g[o1 + b], g1i = g[imOff + o1 + b];
            // Adjoint field after the θ shifter: w = (α·B₂)† g.
            T w0r = (t2 * g0r) + (k2 * g1i), w0i = (t2 * g0i) - (k2 * g1r);
            T w1r = (k2 * g0i) + (t2 * g1r), w1i = (t2 * g1i) - (k2 * g0r);
            // Forward field after the φ shifter (a0) and after the θ shifter (c0).
            T a0r = (cp * x0r) - (sp * x0i), a0i = (cp * x0i) + (sp * x0r);
            T b0r = (t1 * a0r) - (k1 * x1i), b0i = (t1 * a0i) + (k1 * x1r);
            T c0r = (ct * b0r) - (st * b0i), c0i = (ct * b0i) + (st * b0r);
            accT -= (w0r * c0i) - (w0i * c0r);
            // Back through Dθ and B₁.
            T q0r = (ct * w0r) + (st * w0i), q0i = (ct * w0i) - (st * w0r);
            T r0r = (t1 * q0r) + (k1 * w1i), r0i = (t1 * q0i) - (k1 * w1r);
            T r1r = (k1 * q0i) + (t1 * w1r), r1i = (t1 * w1i) - (k1 * q0r);
            accP -= (r0r * a0i) - (r0i * a0r);
            if (collect)
            {
                wThetaR[b] = w0r;
                wThetaI[b] = w0i;
                wPhiR[b] = r0r;
                wPhiI[b] = r0i;
            }
            // Back through Dφ.
            h[o0 + b] = (cp * r0r) + (sp * r0i);
            h[imOff + o0 + b] = (cp * r0i) - (sp * r0r);
            h[o1 + b] = r1r;
            h[imOff + o1 + b] = r1i;
        }
        return (accT, accP);
    }

    // One check per call keeps the unchecked vector loops inside the arrays: o0 < o1 and imOff ≥ o1 + batch.
    private static void CheckRange(T[] field, int o0, int o1, int imOff, int batch)
    {
        if (o0 < 0 || o1 < o0 + batch || imOff < o1 + batch || imOff + o1 + batch > field.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(field), $"Mode offsets ({o0}, {o1}) and imaginary offset {imOff} for {batch} samples do not fit a field of {field.Length} values.");
        }
    }
}
