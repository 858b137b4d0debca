using System.Buffers.Binary;
using System.Text;

namespace ReasoningServer.Engine.Gguf;

/// <summary>
/// Writes GGUF v3 files: header, typed metadata, tensor infos, then the tensor data, every
/// tensor aligned to <see cref="Alignment"/>. Tensor contents are pulled row by row from a
/// <see cref="TensorRowFiller"/> while writing, so a model never exists twice in memory.
/// </summary>
public sealed class GgufWriter
{
    /// <summary>Data alignment; also written as <c>general.alignment</c> so readers agree with us.</summary>
    public const uint Alignment = 32;

    private const uint Magic = 0x46554747; // "GGUF" read as a little-endian u32
    private const uint Version = 3;

    private readonly List<(string Key, GgufValueType Type, Action<BinaryWriter> Write)> metadata = [];
    private readonly HashSet<string> keys = new(StringComparer.Ordinal);
    private readonly List<TensorEntry> tensors = [];
    private readonly HashSet<string> tensorNames = new(StringComparer.Ordinal);

    /// <summary>Creates a writer whose metadata already holds <c>general.alignment</c>.</summary>
    public GgufWriter()
    {
        AddUInt32("general.alignment", Alignment);
    }

    /// <summary>Number of metadata entries added so far (including <c>general.alignment</c>).</summary>
    public int MetadataCount => metadata.Count;

    /// <summary>Number of tensors added so far.</summary>
    public int TensorCount => tensors.Count;

    public void AddUInt32(string key, uint value) => Add(key, GgufValueType.UInt32, w => w.Write(value));

    public void AddInt32(string key, int value) => Add(key, GgufValueType.Int32, w => w.Write(value));

    public void AddUInt64(string key, ulong value) => Add(key, GgufValueType.UInt64, w => w.Write(value));

    public void AddFloat32(string key, float value) => Add(key, GgufValueType.Float32, w => w.Write(value));

    // GGUF bools are one byte, which BinaryWriter.Write(bool) already produces.
    public void AddBool(string key, bool value) => Add(key, GgufValueType.Bool, w => w.Write(value));

    public void AddString(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Add(key, GgufValueType.String, w => WriteString(w, value));
    }

    public void AddStringArray(string key, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        string[] copy = [.. values];
        Add(key, GgufValueType.Array, w =>
        {
            w.Write((uint)GgufValueType.String);
            w.Write((ulong)copy.Length);
            foreach (string s in copy)
            {
                WriteString(w, s);
            }
        });
    }

    public void AddInt32Array(string key, IReadOnlyList<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int[] copy = [.. values];
        Add(key, GgufValueType.Array, w =>
        {
            w.Write((uint)GgufValueType.Int32);
            w.Write((ulong)copy.Length);
            foreach (int v in copy)
            {
                w.Write(v);
            }
        });
    }

    public void AddFloat32Array(string key, IReadOnlyList<float> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        float[] copy = [.. values];
        Add(key, GgufValueType.Array, w =>
        {
            w.Write((uint)GgufValueType.Float32);
            w.Write((ulong)copy.Length);
            foreach (float v in copy)
            {
                w.Write(v);
            }
        });
    }

    /// <summary>
    /// Declares a tensor. <paramref name="dims"/> is innermost first, as ggml stores it
    /// (a weight matrix of shape [out, in] is given as {in, out}). <paramref name="fill"/> is
    /// invoked once per row, in order, during <see cref="WriteTo(Stream)"/>.
    /// </summary>
    public void AddTensor(string name, GgmlTensorType type, IReadOnlyList<long> dims, TensorRowFiller fill)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dims);
        ArgumentNullException.ThrowIfNull(fill);
        if (dims.Count is < 1 or > 4)
        {
            throw new ArgumentException("ggml tensors have 1 to 4 dimensions.", nameof(dims));
        }

        if (dims.Any(d => d <= 0) || dims[0] > int.MaxValue)
        {
            throw new ArgumentException("Dimensions must be positive and a row must fit in a span.", nameof(dims));
        }

        if (type is not (GgmlTensorType.F32 or GgmlTensorType.F16))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Only F32 and F16 tensors are supported.");
        }

        if (!tensorNames.Add(name))
        {
            throw new ArgumentException($"Tensor '{name}' was already added.", nameof(name));
        }

        tensors.Add(new TensorEntry(name, type, [.. dims], fill));
    }

    /// <summary>Writes to a temporary file next to <paramref name="path"/> and renames it, so readers never see a half-written model.</summary>
    public void WriteToFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WriteTo(stream);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Writes the whole file to <paramref name="stream"/>, which is positioned at the file start.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Offsets are computed, never read back from the stream, so non-seekable streams work too.
        var header = new MemoryStream();
        using (var hw = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            hw.Write(Magic);
            hw.Write(Version);
            hw.Write((ulong)tensors.Count);
            hw.Write((ulong)metadata.Count);
            foreach (var (key, valueType, write) in metadata)
            {
                WriteString(hw, key);
                hw.Write((uint)valueType);
                write(hw);
            }

            ulong offset = 0;
            foreach (TensorEntry t in tensors)
            {
                WriteString(hw, t.Name);
                hw.Write((uint)t.Dims.Length);
                foreach (long d in t.Dims)
                {
                    hw.Write((ulong)d);
                }

                hw.Write((uint)t.Type);
                hw.Write(offset);
                offset += Pad(t.ByteSize);
            }
        }

        // Metadata is small; buffering it lets us write the header in one go and know its length.
        header.Position = 0;
        header.CopyTo(stream);
        WriteZeros(stream, (long)Pad((ulong)header.Length) - header.Length);

        byte[] rowBytes = [];
        float[] row = [];
        foreach (TensorEntry t in tensors)
        {
            int rowLength = (int)t.Dims[0];
            long rowCount = t.Dims.Skip(1).Aggregate(1L, (a, b) => a * b);
            int elementSize = t.Type == GgmlTensorType.F32 ? 4 : 2;
            if (row.Length != rowLength)
            {
                row = new float[rowLength];
                rowBytes = new byte[rowLength * elementSize];
            }
            else if (rowBytes.Length != rowLength * elementSize)
            {
                rowBytes = new byte[rowLength * elementSize];
            }

            for (long r = 0; r < rowCount; r++)
            {
                Array.Clear(row);
                t.Fill(r, row);
                Encode(t.Type, row, rowBytes);
                stream.Write(rowBytes);
            }

            WriteZeros(stream, (long)(Pad(t.ByteSize) - t.ByteSize));
        }

        stream.Flush();
    }

    private static void Encode(GgmlTensorType type, ReadOnlySpan<float> row, Span<byte> destination)
    {
        if (type == GgmlTensorType.F32)
        {
            for (int i = 0; i < row.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], row[i]);
            }
        }
        else
        {
            for (int i = 0; i < row.Length; i++)
            {
                BinaryPrimitives.WriteHalfLittleEndian(destination[(i * 2)..], (Half)row[i]);
            }
        }
    }

    private void Add(string key, GgufValueType type, Action<BinaryWriter> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!keys.Add(key))
        {
            throw new ArgumentException($"Metadata key '{key}' was already added.", nameof(key));
        }

        metadata.Add((key, type, write));
    }

    private static void WriteString(BinaryWriter w, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static ulong Pad(ulong size) => (size + Alignment - 1) / Alignment * Alignment;

    private static void WriteZeros(Stream stream, long count)
    {
        Span<byte> zeros = stackalloc byte[(int)Alignment];
        zeros.Clear();
        stream.Write(zeros[..(int)count]);
    }

    private sealed record TensorEntry(string Name, GgmlTensorType Type, long[] Dims, TensorRowFiller Fill)
    {
        public ulong ByteSize => (ulong)Dims.Aggregate(1L, (a, b) => a * b) * (Type == GgmlTensorType.F32 ? 4UL : 2UL);
    }
}
