using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Tests.Infrastructure;

/// <summary>The `test` tiny model, generated into a temp folder and loaded once through the real llama.cpp.</summary>
public sealed class TinyModelFixture : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reasoningserver-engine-").FullName;

    public TinyModelFixture()
    {
        var path = Path.Combine(_folder, "tiny-test.gguf");
        TinyModelGenerator.Generate(path, TinyModelPreset.Test);
        LlamaNativeLibrary.Initialize(null, null);
        Model = LoadedModel.Load(new ModelLoadOptions(path));
    }

    public LoadedModel Model { get; }

    public void Dispose()
    {
        Model.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
