using ReasoningServer.Engine.Gguf;

namespace ReasoningServer.Engine.Tests.Gguf;

public sealed class GgufTensorReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reasoningserver-gguf-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Reads_back_the_rows_the_writer_wrote_past_any_metadata()
    {
        var path = Path.Combine(_folder, "t.gguf");
        var writer = new GgufWriter();
        writer.AddString("general.name", "x");
        writer.AddStringArray("tokenizer.ggml.tokens", ["a", "b"]);
        writer.AddFloat32Array("scores", [1f, 2f]);
        writer.AddTensor("f32", GgmlTensorType.F32, [3, 2], (row, values) => values.Fill(row + 0.25f));
        writer.AddTensor("f16", GgmlTensorType.F16, [5], (_, values) => values.Fill(-1.5f));
        writer.WriteToFile(path);

        var reader = GgufTensorReader.Open(path);
        var row = new float[3];
        reader.ReadRow("f32", 1, row);
        var half = new float[5];
        reader.ReadRow("f16", 0, half);

        Assert.Equal([3L, 2L], reader.Dimensions("f32"));
        Assert.Equal([1.25f, 1.25f, 1.25f], row);
        Assert.Equal([-1.5f, -1.5f, -1.5f, -1.5f, -1.5f], half);
    }
}
