using System.Numerics;

namespace PnnKit.Core.Tensors;

/// <summary>
/// A batch of complex vectors with split real/imaginary storage: each row holds its N real parts
/// followed by its N imaginary parts, so SIMD loops run over contiguous re and im spans, and a
/// complex field still travels through <c>ILayer</c> as an ordinary <see cref="Tensor{T}"/> of
/// shape [rows, 2, N] (the optical-domain convention).
/// </summary>
public readonly struct ComplexTensor<T> : IEquatable<ComplexTensor<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Views <paramref name="storage"/>, which must have shape [rows, 2, N].</summary>
    public ComplexTensor(Tensor<T> storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.Rank != 3 || storage.Dim(1) != 2)
        {
            throw new ArgumentException($"A complex tensor needs storage of shape [rows, 2, N]; got {storage}.", nameof(storage));
        }
        Storage = storage;
    }

    /// <summary>
    /// Throws, naming <paramref name="owner"/>, unless <paramref name="x"/> is an optical field of
    /// <paramref name="n"/> modes: shape [batch, 2, n]. Every optical-domain layer checks its input with this.
    /// </summary>
    public static void RequireField(Tensor<T> x, int n, string owner)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 3 || x.Dim(1) != 2 || x.Dim(2) != n)
        {
            throw new ArgumentException($"{owner}: input must be a complex field [batch, 2, {n}]; got [{string.Join(", ", x.Shape.ToArray())}].", nameof(x));
        }
    }

    /// <summary>A zero complex tensor of <paramref name="rows"/> × <paramref name="n"/>.</summary>
    public ComplexTensor(int rows, int n) : this(new Tensor<T>(rows, 2, n)) { }

    /// <summary>The underlying real storage, shape [rows, 2, N].</summary>
    public Tensor<T> Storage { get; }

    /// <summary>Number of rows (batch items or matrix rows).</summary>
    public int Rows => Storage.Dim(0);

    /// <summary>Complex elements per row.</summary>
    public int N => Storage.Dim(2);

    /// <summary>Real parts of row <paramref name="row"/>.</summary>
    public Span<T> Re(int row) => Storage.Data.AsSpan(row * 2 * N, N);

    /// <summary>Imaginary parts of row <paramref name="row"/>.</summary>
    public Span<T> Im(int row) => Storage.Data.AsSpan((row * 2 * N) + N, N);

    /// <summary>Element (row, col) as a double-precision complex number.</summary>
    public Complex Get(int row, int col)
    {
        int b = row * 2 * N;
        return new Complex(double.CreateChecked(Storage.Data[b + col]), double.CreateChecked(Storage.Data[b + N + col]));
    }

    /// <summary>Sets element (row, col).</summary>
    public void Set(int row, int col, Complex value)
    {
        int b = row * 2 * N;
        Storage.Data[b + col] = T.CreateChecked(value.Real);
        Storage.Data[b + N + col] = T.CreateChecked(value.Imaginary);
    }

    /// <summary>A deep copy.</summary>
    public ComplexTensor<T> Clone() => new(Storage.Clone());

    /// <summary>Builds a complex tensor from a dense row-major array of complex numbers.</summary>
    public static ComplexTensor<T> FromComplex(Complex[] values, int rows, int n)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != rows * n)
        {
            throw new ArgumentException($"Expected {rows * n} values, got {values.Length}.", nameof(values));
        }
        var t = new ComplexTensor<T>(rows, n);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < n; c++)
            {
                t.Set(r, c, values[(r * n) + c]);
            }
        }
        return t;
    }

    /// <inheritdoc/>
    public bool Equals(ComplexTensor<T> other) => ReferenceEquals(Storage, other.Storage);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ComplexTensor<T> o && Equals(o);

    /// <inheritdoc/>
    public override int GetHashCode() => Storage?.GetHashCode() ?? 0;

    /// <summary>Reference equality of the storage.</summary>
    public static bool operator ==(ComplexTensor<T> left, ComplexTensor<T> right) => left.Equals(right);

    /// <summary>Reference inequality of the storage.</summary>
    public static bool operator !=(ComplexTensor<T> left, ComplexTensor<T> right) => !left.Equals(right);
}
