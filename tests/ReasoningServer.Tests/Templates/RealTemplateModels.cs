using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Text;
using ReasoningServer.Native;
using ReasoningServer.Reasoning.Formats;
using ReasoningServer.Serving.Templates;
using ReasoningServer.Tests.Shared;

namespace ReasoningServer.Tests.Templates;

/// <summary>The tiny real-tokenizer models, loaded once through llama.cpp, each with the prompt side the server builds for it.</summary>
public sealed class RealTemplateModels : IDisposable
{
    private readonly Dictionary<string, (LoadedModel Model, PromptModel Prompting)> _loaded = new(StringComparer.Ordinal);

    internal PromptModel Prompting(TinyRealTokenizerModel model)
    {
        lock (_loaded)
        {
            if (!_loaded.TryGetValue(model.Name, out var entry))
            {
                LlamaNativeLibrary.Initialize(null, null);
                var loaded = LoadedModel.Load(new ModelLoadOptions(model.EnsureBuilt()) { GpuLayers = 0 });
                var format = ReasoningFormatDetector.Detect(loaded.Tokenizer);
                entry = (loaded, PromptModel.For(ChatTemplate.Create(loaded.ChatTemplateSource, format?.StartTag), format, loaded.Tokenizer));
                _loaded[model.Name] = entry;
            }

            return entry.Prompting;
        }
    }

    public void Dispose()
    {
        foreach (var (model, _) in _loaded.Values)
        {
            model.Dispose();
        }
    }
}
