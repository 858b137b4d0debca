using System.Text;

namespace ReasoningServer.Engine.Tests.Gguf;

/// <summary>Just enough of a GGUF parser to check what the writer produced, independent of its code.</summary>
internal sealed class GgufTestReader
{
    public uint Magic { get; private init; }

    public uint Version { get; private init; }

    public Dictionary<string, object> Metadata { get; } = new(StringComparer.Ordinal);

    public List<string> MetadataOrder { get; } = [];

    public List<TensorInfo> Tensors { get; } = [];

    public long DataStart { get; private set; }

    public static GgufTestReader Read(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        var result = new GgufTestReader { Magic = r.ReadUInt32(), Version = r.ReadUInt32() };
        ulong tensorCount = r.ReadUInt64();
        ulong kvCount = r.ReadUInt64();
        for (ulong i = 0; i < kvCount; i++)
        {
            string key = ReadString(r);
            result.Metadata[key] = ReadValue(r, r.ReadUInt32());
            result.MetadataOrder.Add(key);
        }

        for (ulong i = 0; i < tensorCount; i++)
        {
            string name = ReadString(r);
            uint nDims = r.ReadUInt32();
            var dims = new long[nDims];
            for (int d = 0; d < nDims; d++)
            {
                dims[d] = (long)r.ReadUInt64();
            }

            result.Tensors.Add(new TensorInfo(name, dims, r.ReadUInt32(), r.ReadUInt64()));
        }

        uint alignment = result.Metadata.TryGetValue("general.alignment", out object? a) ? (uint)a : 32u;
        result.DataStart = (r.BaseStream.Position + alignment - 1) / alignment * alignment;
        return result;
    }

    private static string ReadString(BinaryReader r) => Encoding.UTF8.GetString(r.ReadBytes(checked((int)r.ReadUInt64())));

    private static object ReadValue(BinaryReader r, uint type) => type switch
    {
        0 => r.ReadByte(),
        1 => r.ReadSByte(),
        2 => r.ReadUInt16(),
        3 => r.ReadInt16(),
        4 => r.ReadUInt32(),
        5 => r.ReadInt32(),
        6 => r.ReadSingle(),
        7 => r.ReadByte() != 0,
        8 => ReadString(r),
        9 => ReadArray(r),
        10 => r.ReadUInt64(),
        11 => r.ReadInt64(),
        12 => r.ReadDouble(),
        _ => throw new InvalidDataException($"Unknown GGUF value type {type}."),
    };

    private static object[] ReadArray(BinaryReader r)
    {
        uint elementType = r.ReadUInt32();
        ulong count = r.ReadUInt64();
        var items = new object[count];
        for (ulong i = 0; i < count; i++)
        {
            items[i] = ReadValue(r, elementType);
        }

        return items;
    }

    public sealed record TensorInfo(string Name, long[] Dims, uint Type, ulong Offset)
    {
        public long ElementCount => Dims.Aggregate(1L, (x, y) => x * y);

        public long ByteSize => ElementCount * (Type == 0 ? 4 : 2);
    }
}
