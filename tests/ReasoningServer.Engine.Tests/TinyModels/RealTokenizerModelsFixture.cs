using ReasoningServer.Engine.Loading;
using ReasoningServer.Native;
using ReasoningServer.Tests.Shared;

namespace ReasoningServer.Engine.Tests.TinyModels;

/// <summary>
/// The tiny real-tokenizer models, each built (or found in the cache) and loaded through llama.cpp on first use, and
/// the oracle's tokenization of <see cref="TokenizerCorpus"/> for each, fetched once in one batch.
/// </summary>
public sealed class RealTokenizerModelsFixture : IDisposable
{
    private readonly Dictionary<string, LoadedModel> models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<OracleResult>> references = new(StringComparer.Ordinal);

    public LoadedModel Model(TinyRealTokenizerModel model)
    {
        lock (models)
        {
            if (!models.TryGetValue(model.Name, out var loaded))
            {
                LlamaNativeLibrary.Initialize(null, null);
                loaded = LoadedModel.Load(new ModelLoadOptions(model.EnsureBuilt()) { GpuLayers = 0 });
                models[model.Name] = loaded;
            }

            return loaded;
        }
    }

    /// <summary>The reference ids of every corpus text, in <see cref="TokenizerCorpus.Cases"/> order.</summary>
    public IReadOnlyList<OracleResult> CorpusReference(OracleTokenizer tokenizer)
    {
        lock (references)
        {
            var key = tokenizer.ToString();
            if (!references.TryGetValue(key, out var results))
            {
                results = ReferenceOracle.Tokenize(tokenizer, TokenizerCorpus.Cases.Select(c => c.Value));
                references[key] = results;
            }

            return results;
        }
    }

    public void Dispose()
    {
        foreach (var model in models.Values)
        {
            model.Dispose();
        }
    }
}
