using System.Text;
using ReasoningServer.Tests.Shared;

namespace ReasoningServer.Engine.Tests.TinyModels;

/// <summary>
/// The tiny models with real tokenizers tokenize as Hugging Face does: llama.cpp's ids (no specials added, specials
/// parsed, as for a rendered template) equal the reference tokenizer's (transformers.js on the same tokenizer.json,
/// no specials added, as apply_chat_template), and the token texts give the text back.
/// </summary>
[Collection(RealTokenizerModelsCollection.Name)]
public sealed class RealTokenizerVocabularyTests(RealTokenizerModelsFixture fixture)
{
    /// <summary>
    /// Cases where llama.cpp and Hugging Face disagree, by model and corpus case, with the reason. They are left out of
    /// <see cref="Llama_cpp_tokenizes_like_hugging_face"/> and their difference is pinned by a test of its own.
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Model, string Case), string> KnownDiscrepancies =
        new Dictionary<(string, string), string>
        {
            [(TinyRealTokenizerModel.Qwen3.Name, TokenizerCorpus.CombiningNfdName)] =
                "Qwen's tokenizer.json normalizes to NFC before pre-tokenizing; llama.cpp has no normalizer for BPE "
                + "vocabularies and tokenizes decomposed text as it comes (see Qwen_tokenizes_decomposed_text_unlike_hugging_face).",
        };

    private static readonly TinyRealTokenizerModel[] Vocabularies =
        [TinyRealTokenizerModel.Qwen3, TinyRealTokenizerModel.DeepSeekR1, TinyRealTokenizerModel.Llama31];

    public static TheoryData<string, string> CorpusCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in Vocabularies)
        {
            foreach (var (name, _) in TokenizerCorpus.Cases)
            {
                if (!KnownDiscrepancies.ContainsKey((model.Name, name)))
                {
                    data.Add(model.Name, name);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusCases))]
    public void Llama_cpp_tokenizes_like_hugging_face(string modelName, string caseName)
    {
        var model = TinyRealTokenizerModel.Named(modelName);
        var text = TokenizerCorpus.Text(caseName);
        var reference = Reference(model, caseName);

        var ids = fixture.Model(model).Tokenizer.Tokenize(text, addSpecial: false, parseSpecial: true).Select(t => t.Value).ToArray();

        Assert.Equal(reference, ids);
    }

    [Theory]
    [MemberData(nameof(CorpusCases))]
    public void Token_texts_give_the_text_back(string modelName, string caseName)
    {
        var model = TinyRealTokenizerModel.Named(modelName);
        var text = TokenizerCorpus.Text(caseName);
        var tokenizer = fixture.Model(model).Tokenizer;

        var bytes = tokenizer.Tokenize(text, addSpecial: false, parseSpecial: true).SelectMany(t => tokenizer.GetBytes(t).ToArray()).ToArray();

        Assert.Equal(text, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Qwen_tokenizes_decomposed_text_unlike_hugging_face()
    {
        var model = TinyRealTokenizerModel.Qwen3;
        var tokenizer = fixture.Model(model).Tokenizer;
        int[] Llama(string text) => [.. tokenizer.Tokenize(text, addSpecial: false, parseSpecial: true).Select(t => t.Value)];
        var nfd = TokenizerCorpus.Text(TokenizerCorpus.CombiningNfdName);
        var nfc = TokenizerCorpus.Text("combining marks, NFC");

        // Hugging Face composes first, so both forms give the same ids; llama.cpp does so for the composed form only.
        Assert.Equal(Reference(model, "combining marks, NFC"), Reference(model, TokenizerCorpus.CombiningNfdName));
        Assert.Equal(Reference(model, "combining marks, NFC"), Llama(nfc));
        Assert.NotEqual(Llama(nfc), Llama(nfd));
        Assert.True(Llama(nfd).Length > Llama(nfc).Length);
    }

    private int[] Reference(TinyRealTokenizerModel model, string caseName)
    {
        var index = TokenizerCorpus.Cases.ToList().FindIndex(c => c.Key == caseName);
        var result = fixture.CorpusReference(model.Tokenizer)[index];
        Assert.Null(result.Error);
        return [.. result.Ids!];
    }
}
