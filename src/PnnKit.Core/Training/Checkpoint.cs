using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PnnKit.Core.IO;
using PnnKit.Core.Layers;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Training;

/// <summary>
/// Saves and restores a training run: named parameters, optimizer state, trainer state and named buffers
/// (<see cref="IBufferedLayer{T}"/>: batch norm's running statistics), in a small binary file ending with a SHA-256 of its content. Writes go to a temporary file that is
/// flushed to disk and then renamed over the old checkpoint, so a kill at any moment leaves either
/// the old or the new checkpoint, never a torn one.
/// </summary>
public static class Checkpoint
{
    private const string Magic = "PNNCKPT2";

    // Version 1 had no buffers section; it still loads, leaving the model's buffers as built.
    private const string MagicWithoutBuffers = "PNNCKPT1";

    // The best validation loss starts at +∞, which plain JSON cannot write.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Writes <paramref name="model"/>'s parameters and buffers, the optimizer and the trainer state atomically to <paramref name="path"/>.</summary>
    public static void Save<T>(string path, IContainerLayer<T> model, Optimizer<T> optimizer, TrainerState state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        Save(path, model.NamedParameters(), optimizer, state, model.NamedBuffers());
    }

    /// <summary>Restores <paramref name="model"/>'s parameters and buffers and the optimizer in place from <paramref name="path"/>; returns the trainer state.</summary>
    public static TrainerState Load<T>(string path, IContainerLayer<T> model, Optimizer<T> optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return Load(path, model.NamedParameters(), optimizer, model.NamedBuffers());
    }

    /// <summary>Writes the checkpoint atomically to <paramref name="path"/>.</summary>
    public static void Save<T>(string path, IEnumerable<(string Name, Parameter<T> Parameter)> parameters, Optimizer<T> optimizer, TrainerState state,
        IEnumerable<(string Name, Tensor<T> Buffer)>? buffers = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(typeof(T).Name);
            w.Write(JsonSerializer.Serialize(state, Json));
            var list = parameters.ToList();
            w.Write(list.Count);
            foreach (var (name, p) in list)
            {
                w.Write(name);
                WriteTensor(w, p.Value);
            }
            w.Write(optimizer.Steps);
            var slots = optimizer.StateTensors.ToList();
            w.Write(slots.Count);
            foreach (var s in slots)
            {
                WriteTensor(w, s);
            }
            var named = (buffers ?? []).ToList();
            w.Write(named.Count);
            foreach (var (name, b) in named)
            {
                w.Write(name);
                WriteTensor(w, b);
            }
        }
        byte[] content = body.ToArray();
        byte[] hash = SHA256.HashData(content);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(content);
            stream.Write(hash);
        });
    }

    /// <summary>
    /// Restores parameters and optimizer state in place from <paramref name="path"/> and returns the
    /// trainer state. Throws <see cref="CheckpointException"/> naming the file and what is wrong.
    /// </summary>
    public static TrainerState Load<T>(string path, IEnumerable<(string Name, Parameter<T> Parameter)> parameters, Optimizer<T> optimizer,
        IEnumerable<(string Name, Tensor<T> Buffer)>? buffers = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(optimizer);
        byte[] all;
        try
        {
            all = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new CheckpointException($"{path}: cannot read checkpoint ({e.Message}).", e);
        }
        if (all.Length < 32 || !SHA256.HashData(all.AsSpan(0, all.Length - 32)).AsSpan().SequenceEqual(all.AsSpan(all.Length - 32)))
        {
            throw new CheckpointException($"{path}: checkpoint is truncated or corrupt (SHA-256 of its {Math.Max(0, all.Length - 32)} content bytes does not match its trailer).");
        }
        try
        {
            using var r = new BinaryReader(new MemoryStream(all, 0, all.Length - 32), Encoding.UTF8);
            string magic = r.ReadString();
            if (magic != Magic && magic != MagicWithoutBuffers)
            {
                throw new CheckpointException($"{path}: not a PnnKit checkpoint (expected header {Magic}).");
            }
            string type = r.ReadString();
            if (type != typeof(T).Name)
            {
                throw new CheckpointException($"{path}: checkpoint holds {type} weights but the model uses {typeof(T).Name}.");
            }
            var state = JsonSerializer.Deserialize<TrainerState>(r.ReadString(), Json) ?? throw new CheckpointException($"{path}: empty trainer state.");
            var list = parameters.ToList();
            int count = r.ReadInt32();
            if (count != list.Count)
            {
                throw new CheckpointException($"{path}: checkpoint has {count} parameters, the model has {list.Count}.");
            }
            foreach (var (name, p) in list)
            {
                string stored = r.ReadString();
                if (stored != name)
                {
                    throw new CheckpointException($"{path}: parameter '{stored}' found where the model has '{name}'.");
                }
                ReadTensorInto(r, p.Value, path, name);
            }
            optimizer.RestoreSteps(r.ReadInt64());
            var slots = optimizer.StateTensors.ToList();
            int slotCount = r.ReadInt32();
            if (slotCount != slots.Count)
            {
                throw new CheckpointException($"{path}: checkpoint has {slotCount} optimizer state tensors, this optimizer has {slots.Count}.");
            }
            for (int i = 0; i < slots.Count; i++)
            {
                ReadTensorInto(r, slots[i], path, $"optimizer state {i}");
            }
            if (magic == Magic)
            {
                var named = (buffers ?? []).ToList();
                int bufferCount = r.ReadInt32();
                if (bufferCount != named.Count)
                {
                    throw new CheckpointException($"{path}: checkpoint has {bufferCount} buffers (running statistics), the model has {named.Count}.");
                }
                foreach (var (name, b) in named)
                {
                    string stored = r.ReadString();
                    if (stored != name)
                    {
                        throw new CheckpointException($"{path}: buffer '{stored}' found where the model has '{name}'.");
                    }
                    ReadTensorInto(r, b, path, name);
                }
            }
            return state;
        }
        catch (EndOfStreamException e)
        {
            throw new CheckpointException($"{path}: checkpoint ends early.", e);
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{path}: trainer state is not valid JSON ({e.Message}).", e);
        }
    }

    private static void WriteTensor<T>(BinaryWriter w, Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        w.Write(t.Rank);
        foreach (int d in t.Shape)
        {
            w.Write(d);
        }
        w.Write(MemoryMarshal.AsBytes(t.Data.AsSpan()));
    }

    private static void ReadTensorInto<T>(BinaryReader r, Tensor<T> t, string path, string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rank = r.ReadInt32();
        var shape = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            shape[i] = r.ReadInt32();
        }
        if (!shape.AsSpan().SequenceEqual(t.Shape))
        {
            throw new CheckpointException($"{path}: '{name}' has shape [{string.Join(", ", shape)}] in the checkpoint but [{string.Join(", ", t.Shape.ToArray())}] in the model.");
        }
        var bytes = MemoryMarshal.AsBytes(t.Data.AsSpan());
        if (r.Read(bytes) != bytes.Length)
        {
            throw new CheckpointException($"{path}: '{name}' data ends early.");
        }
    }
}

/// <summary>A checkpoint that cannot be used, with the file and the reason.</summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException() { }

    /// <summary>Creates the exception with a message.</summary>
    public CheckpointException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    public CheckpointException(string message, Exception inner) : base(message, inner) { }
}
