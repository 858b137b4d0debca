using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Text;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;

namespace ReasoningServer.Reasoning.Tests.Budgets;

/// <summary>The tiny model's real vocabulary (one token per byte, plus the specials), loaded through llama.cpp.</summary>
public sealed class TinyTokenizerFixture : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reasoningserver-reasoning-").FullName;
    private readonly LoadedModel _model;

    public TinyTokenizerFixture()
    {
        var path = Path.Combine(_folder, "tiny-test.gguf");
        TinyModelGenerator.Generate(path, TinyModelPreset.Test);
        LlamaNativeLibrary.Initialize(null, null);
        _model = LoadedModel.Load(new ModelLoadOptions(path));
    }

    public Tokenizer Tokenizer => _model.Tokenizer;

    /// <summary>The token that stands for exactly this one byte.</summary>
    public LlamaToken ByteToken(byte value)
    {
        for (var id = 0; id < Tokenizer.VocabularySize; id++)
        {
            var bytes = Tokenizer.GetBytes(new LlamaToken(id));
            if (bytes.Length == 1 && bytes[0] == value)
            {
                return new LlamaToken(id);
            }
        }

        throw new InvalidOperationException($"No token for byte {value:X2}.");
    }

    public void Dispose()
    {
        _model.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
