using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Engine.Text;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Tests.Text;

/// <summary>The tiny model's vocabulary is one token per byte, so multi-byte characters span tokens.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class Utf8TokenDecoderTests(TinyModelFixture fixture)
{
    [Fact]
    public void A_character_split_over_tokens_comes_out_whole()
    {
        var decoder = new Utf8TokenDecoder(fixture.Model.Tokenizer);
        var tokens = fixture.Model.Tokenizer.Tokenize("a中é", addSpecial: false, parseSpecial: false);
        Assert.Equal(6, tokens.Length);

        var pieces = tokens.Select(decoder.Decode).ToList();

        Assert.Equal(["a", "", "", "中", "", "é"], pieces);
        Assert.Equal(string.Empty, decoder.Flush());
    }

    [Fact]
    public void Invalid_bytes_become_replacement_characters()
    {
        var decoder = new Utf8TokenDecoder(fixture.Model.Tokenizer);
        Assert.Equal("\uFFFD", decoder.Decode(new LlamaToken(0xFF)));
        Assert.Equal(string.Empty, decoder.Decode(new LlamaToken(0xE4))); // start of a 3-byte character
        Assert.Equal("\uFFFD", decoder.Flush()); // ...that never completed
    }
}
