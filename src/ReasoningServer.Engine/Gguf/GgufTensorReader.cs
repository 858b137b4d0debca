using System.Buffers.Binary;
using System.Text;

namespace ReasoningServer.Engine.Gguf;

/// <summary>
/// Reads the tensors of a GGUF v3 file (metadata is skipped): enough to take weights that llama.cpp saved
/// and write them again with <see cref="GgufWriter"/>, under our own metadata and storage types.
/// </summary>
public sealed class GgufTensorReader
{
    private const uint Magic = 0x46554747;

    private readonly byte[] _file;
    private readonly Dictionary<string, (GgmlTensorType Type, long[] Dims, long Offset)> _tensors = new(StringComparer.Ordinal);

    private GgufTensorReader(byte[] file) => _file = file;

    public IReadOnlyCollection<string> TensorNames => _tensors.Keys;

    /// <exception cref="InvalidDataException">Not a GGUF v3 file, or a tensor type other than F32 / F16.</exception>
    public static GgufTensorReader Open(string path)
    {
        var reader = new GgufTensorReader(File.ReadAllBytes(path));
        reader.Parse();
        return reader;
    }

    /// <summary>The tensor's dimensions, innermost first.</summary>
    public IReadOnlyList<long> Dimensions(string name) => Find(name).Dims;

    /// <summary>Copies one row (innermost dimension) of a tensor, as floats.</summary>
    public void ReadRow(string name, long row, Span<float> values)
    {
        var (type, dims, offset) = Find(name);
        if (values.Length != dims[0])
        {
            throw new ArgumentException($"Tensor '{name}' has rows of {dims[0]} values.", nameof(values));
        }

        var size = type == GgmlTensorType.F32 ? 4 : 2;
        var bytes = _file.AsSpan(checked((int)(offset + (row * dims[0] * size))), values.Length * size);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = type == GgmlTensorType.F32
                ? BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..])
                : (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(i * 2)..]);
        }
    }

    private (GgmlTensorType Type, long[] Dims, long Offset) Find(string name) =>
        _tensors.TryGetValue(name, out var tensor) ? tensor : throw new KeyNotFoundException($"The file has no tensor '{name}'.");

    private void Parse()
    {
        using var r = new BinaryReader(new MemoryStream(_file), Encoding.UTF8);
        if (r.ReadUInt32() != Magic || r.ReadUInt32() != 3)
        {
            throw new InvalidDataException("Not a GGUF v3 file.");
        }

        var tensorCount = r.ReadUInt64();
        var kvCount = r.ReadUInt64();
        uint alignment = GgufWriter.Alignment;
        for (ulong i = 0; i < kvCount; i++)
        {
            var key = ReadString(r);
            var type = (GgufValueType)r.ReadUInt32();
            if (key == "general.alignment" && type == GgufValueType.UInt32)
            {
                alignment = r.ReadUInt32();
                continue;
            }

            SkipValue(r, type);
        }

        var infos = new List<(string Name, long[] Dims, GgmlTensorType Type, long Offset)>();
        for (ulong i = 0; i < tensorCount; i++)
        {
            var name = ReadString(r);
            var dims = new long[r.ReadUInt32()];
            for (var d = 0; d < dims.Length; d++)
            {
                dims[d] = checked((long)r.ReadUInt64());
            }

            var type = (GgmlTensorType)r.ReadUInt32();
            if (type is not (GgmlTensorType.F32 or GgmlTensorType.F16))
            {
                throw new InvalidDataException($"Tensor '{name}' has type {(uint)type}; only F32 and F16 are read.");
            }

            infos.Add((name, dims, type, checked((long)r.ReadUInt64())));
        }

        var dataStart = (r.BaseStream.Position + alignment - 1) / alignment * alignment;
        foreach (var (name, dims, type, offset) in infos)
        {
            _tensors.Add(name, (type, dims, dataStart + offset));
        }
    }

    private static string ReadString(BinaryReader r) => Encoding.UTF8.GetString(r.ReadBytes(checked((int)r.ReadUInt64())));

    private static void SkipValue(BinaryReader r, GgufValueType type)
    {
        switch (type)
        {
            case GgufValueType.String:
                r.BaseStream.Seek(checked((long)r.ReadUInt64()), SeekOrigin.Current);
                break;
            case GgufValueType.Array:
                var elementType = (GgufValueType)r.ReadUInt32();
                var count = r.ReadUInt64();
                for (ulong i = 0; i < count; i++)
                {
                    SkipValue(r, elementType);
                }

                break;
            default:
                r.BaseStream.Seek(ScalarSize(type), SeekOrigin.Current);
                break;
        }
    }

    private static int ScalarSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 => 8,
        _ => throw new InvalidDataException($"Unknown GGUF value type {(uint)type}."),
    };
}
