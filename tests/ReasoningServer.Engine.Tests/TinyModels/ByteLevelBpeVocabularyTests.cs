using ReasoningServer.Engine.Gguf;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Engine.Tests.TinyModels;

public class ByteLevelBpeVocabularyTests
{
    [Theory]
    [InlineData(0x00, '\u0100')]
    [InlineData(0x0A, '\u010A')] // 'Ċ', GPT-2's newline
    [InlineData(0x20, '\u0120')] // 'Ġ', GPT-2's space
    [InlineData(0x21, '!')]
    [InlineData(0x61, 'a')]
    [InlineData(0x7F, '\u0121')]
    [InlineData(0xAD, '\u0143')] // soft hyphen, the one shifted byte above 0xA0
    [InlineData(0xFF, '\u00FF')]
    public void Maps_bytes_like_gpt2(int value, char expected) =>
        Assert.Equal(expected, ByteLevelBpeVocabulary.ByteToChar((byte)value));

    [Fact]
    public void Has_distinct_byte_tokens_then_specials()
    {
        var tokens = ByteLevelBpeVocabulary.Tokens;
        Assert.Equal(ByteLevelBpeVocabulary.Count, tokens.Count);
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.All(tokens.Take(256), t => Assert.Single(t));
        Assert.Equal("<|im_end|>", tokens[ByteLevelBpeVocabulary.ImEndId]);
        Assert.Equal("</think>", tokens[ByteLevelBpeVocabulary.ThinkEndId]);
        Assert.Equal((int)GgufTokenType.Control, ByteLevelBpeVocabulary.TokenTypes[ByteLevelBpeVocabulary.EndOfTextId]);
        Assert.Equal((int)GgufTokenType.UserDefined, ByteLevelBpeVocabulary.TokenTypes[ByteLevelBpeVocabulary.ThinkStartId]);
        Assert.Equal((int)GgufTokenType.Normal, ByteLevelBpeVocabulary.TokenTypes['a']);
    }
}
