using System.Numerics;
using System.Runtime.CompilerServices;

namespace PnnKit.Core.Tensors;

/// <summary>
/// A dense row-major tensor of float32 or float64. The first axis is the batch (or matrix row);
/// <see cref="RowLength"/> is the product of the remaining axes, so every tensor is also a matrix
/// of <see cref="Rows"/> × <see cref="RowLength"/>. <see cref="Data"/> is the storage, exposed on
/// purpose: hot loops work on spans of it.
/// </summary>
public sealed class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _shape;

    /// <summary>Creates a zero tensor of the given shape.</summary>
    public Tensor(params int[] shape) : this(new T[CheckedLength(shape)], shape) { }

    private Tensor(T[] data, int[] shape)
    {
        _shape = (int[])shape.Clone();
        Data = data;
    }

    /// <summary>Wraps an existing array (no copy). Its length must equal the product of the shape.</summary>
    public static Tensor<T> FromArray(T[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        long n = CheckedLength(shape);
        if (n != data.Length)
        {
            throw new ArgumentException($"Data has {data.Length} elements but shape [{string.Join(", ", shape)}] needs {n}.", nameof(data));
        }
        return new Tensor<T>(data, shape);
    }

    /// <summary>A tensor with the same shape as <paramref name="like"/>, filled with zeros.</summary>
    public static Tensor<T> ZerosLike(Tensor<T> like) => new(like._shape);

    /// <summary>Storage, row-major.</summary>
    public T[] Data { get; }

    /// <summary>The shape; do not modify the returned array.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Number of axes.</summary>
    public int Rank => _shape.Length;

    /// <summary>Total number of elements.</summary>
    public int Length => Data.Length;

    /// <summary>Size of the first axis (1 for a scalar).</summary>
    public int Rows => _shape.Length == 0 ? 1 : _shape[0];

    /// <summary>Elements per row: the product of all axes but the first.</summary>
    public int RowLength => Rows == 0 ? 0 : Data.Length / Rows;

    /// <summary>The whole storage as a span.</summary>
    public Span<T> Span => Data;

    /// <summary>One row (batch item) as a span.</summary>
    public Span<T> Row(int i) => Data.AsSpan(i * RowLength, RowLength);

    /// <summary>Element access for a matrix view (row, column within the row).</summary>
    public ref T this[int row, int col]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Data[(row * RowLength) + col];
    }

    /// <summary>Element access by flat index.</summary>
    public ref T this[int i]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Data[i];
    }

    /// <summary>Size of axis <paramref name="axis"/>.</summary>
    public int Dim(int axis) => _shape[axis];

    /// <summary>A tensor sharing this storage with another shape of the same length.</summary>
    public Tensor<T> Reshape(params int[] shape)
    {
        if (CheckedLength(shape) != Data.Length)
        {
            throw new ArgumentException($"Cannot reshape [{string.Join(", ", _shape)}] to [{string.Join(", ", shape)}].", nameof(shape));
        }
        return new Tensor<T>(Data, shape);
    }

    /// <summary>A deep copy.</summary>
    public Tensor<T> Clone() => new((T[])Data.Clone(), _shape);

    /// <summary>Copies rows <paramref name="indices"/> into a new tensor (mini-batch gather).</summary>
    public Tensor<T> GatherRows(ReadOnlySpan<int> indices)
    {
        var shape = (int[])_shape.Clone();
        shape[0] = indices.Length;
        var result = new Tensor<T>(shape);
        int len = RowLength;
        for (int i = 0; i < indices.Length; i++)
        {
            Data.AsSpan(indices[i] * len, len).CopyTo(result.Data.AsSpan(i * len, len));
        }
        return result;
    }

    /// <summary>Rows [start, start+count) copied into a new tensor.</summary>
    public Tensor<T> SliceRows(int start, int count)
    {
        var shape = (int[])_shape.Clone();
        shape[0] = count;
        var result = new Tensor<T>(shape);
        Data.AsSpan(start * RowLength, count * RowLength).CopyTo(result.Data);
        return result;
    }

    /// <summary>True when both tensors have the same shape.</summary>
    public bool SameShape(Tensor<T> other) => _shape.AsSpan().SequenceEqual(other._shape);

    /// <summary>Throws with both shapes named when <paramref name="other"/> differs in shape.</summary>
    public void RequireSameShape(Tensor<T> other, string what)
    {
        if (!SameShape(other))
        {
            throw new ArgumentException($"{what}: shape [{string.Join(", ", other._shape)}] does not match [{string.Join(", ", _shape)}].");
        }
    }

    /// <summary>Sets every element to zero.</summary>
    public void Clear() => Array.Clear(Data);

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public void Fill(T value) => Data.AsSpan().Fill(value);

    /// <summary>Converts to another precision (float ⇄ double).</summary>
    public Tensor<TOut> Cast<TOut>() where TOut : unmanaged, IFloatingPointIeee754<TOut>
    {
        var result = new Tensor<TOut>(_shape);
        for (int i = 0; i < Data.Length; i++)
        {
            result.Data[i] = TOut.CreateChecked(Data[i]);
        }
        return result;
    }

    /// <summary>Index of the first NaN or infinity, or -1.</summary>
    public int IndexOfNonFinite()
    {
        for (int i = 0; i < Data.Length; i++)
        {
            if (!T.IsFinite(Data[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Tensor<{typeof(T).Name}>[{string.Join(", ", _shape)}]";

    private static int CheckedLength(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), $"Shape [{string.Join(", ", shape)}] has a negative size; sizes must be ≥ 0.");
            }
            n *= d;
            if (n > Array.MaxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), $"Shape [{string.Join(", ", shape)}] has more than {Array.MaxLength} elements.");
            }
        }
        return (int)n;
    }
}
