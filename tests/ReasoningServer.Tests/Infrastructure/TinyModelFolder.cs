using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>A temporary folder holding a freshly generated <c>test</c> tiny model, for tests that start server executables.</summary>
public sealed class TinyModelFolder : IDisposable
{
    public TinyModelFolder(string prefix)
    {
        Folder = Directory.CreateTempSubdirectory(prefix).FullName;
        ModelPath = Path.Combine(Folder, "tiny.gguf");
        TinyModelGenerator.Generate(ModelPath, TinyModelPreset.Test);
    }

    public string Folder { get; }

    public string ModelPath { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
