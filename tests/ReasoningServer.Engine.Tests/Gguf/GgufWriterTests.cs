using System.Buffers.Binary;
using ReasoningServer.Engine.Gguf;

namespace ReasoningServer.Engine.Tests.Gguf;

public class GgufWriterTests
{
    [Fact]
    public void Writes_header_typed_metadata_and_aligned_tensors()
    {
        var writer = new GgufWriter();
        writer.AddUInt32("u32", 7);
        writer.AddInt32("i32", -3);
        writer.AddFloat32("f32", 1.5f);
        writer.AddBool("flag", true);
        writer.AddString("text", "héllo");
        writer.AddUInt64("u64", ulong.MaxValue);
        writer.AddStringArray("strings", ["a", "<think>"]);
        writer.AddInt32Array("ints", [1, -2, 3]);
        writer.AddFloat32Array("floats", [0.25f]);
        writer.AddStringArray("empty", []);
        writer.AddTensor("vec", GgmlTensorType.F32, [3], (_, row) => row.Fill(2f));
        writer.AddTensor("mat", GgmlTensorType.F16, [5, 2], (r, row) => row.Fill(r + 0.5f));

        var stream = new MemoryStream();
        writer.WriteTo(stream);
        byte[] bytes = stream.ToArray();
        var gguf = GgufTestReader.Read(bytes);

        Assert.Equal(0x46554747u, gguf.Magic);
        Assert.Equal("GGUF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(3u, gguf.Version);
        Assert.Equal(11, gguf.Metadata.Count);
        Assert.Equal("general.alignment", gguf.MetadataOrder[0]);
        Assert.Equal(32u, gguf.Metadata["general.alignment"]);
        Assert.Equal(7u, gguf.Metadata["u32"]);
        Assert.Equal(-3, gguf.Metadata["i32"]);
        Assert.Equal(1.5f, gguf.Metadata["f32"]);
        Assert.Equal(true, gguf.Metadata["flag"]);
        Assert.Equal("héllo", gguf.Metadata["text"]);
        Assert.Equal(ulong.MaxValue, gguf.Metadata["u64"]);
        Assert.Equal(new object[] { "a", "<think>" }, (object[])gguf.Metadata["strings"]);
        Assert.Equal(new object[] { 1, -2, 3 }, (object[])gguf.Metadata["ints"]);
        Assert.Equal(new object[] { 0.25f }, (object[])gguf.Metadata["floats"]);
        Assert.Empty((object[])gguf.Metadata["empty"]);

        Assert.Equal(2, gguf.Tensors.Count);
        Assert.Equal("vec", gguf.Tensors[0].Name);
        Assert.Equal([3L], gguf.Tensors[0].Dims);
        Assert.Equal(0u, gguf.Tensors[0].Type);
        Assert.Equal(0ul, gguf.Tensors[0].Offset);
        Assert.Equal("mat", gguf.Tensors[1].Name);
        Assert.Equal([5L, 2L], gguf.Tensors[1].Dims);
        Assert.Equal(1u, gguf.Tensors[1].Type);
        Assert.Equal(32ul, gguf.Tensors[1].Offset);

        Assert.Equal(0, gguf.DataStart % 32);
        Assert.Equal(gguf.DataStart + 32 + 32, bytes.Length);
        Assert.Equal(2f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)gguf.DataStart + 8)));
        Assert.Equal((Half)0.5f, BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan((int)gguf.DataStart + 32)));
        Assert.Equal((Half)1.5f, BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan((int)gguf.DataStart + 32 + 18)));
    }

    [Fact]
    public void Rejects_duplicate_keys_and_tensor_names()
    {
        var writer = new GgufWriter();
        Assert.Throws<ArgumentException>(() => writer.AddUInt32("general.alignment", 64));
        writer.AddTensor("t", GgmlTensorType.F32, [1], (_, _) => { });
        Assert.Throws<ArgumentException>(() => writer.AddTensor("t", GgmlTensorType.F32, [1], (_, _) => { }));
    }
}
