using System.Text;

namespace ReasoningServer.Engine.Text;

/// <summary>
/// Turns a stream of token bytes into text without ever splitting a UTF-8 character: bytes of an
/// incomplete character wait for the next token; invalid sequences become U+FFFD.
/// </summary>
public sealed class Utf8TokenDecoder(Tokenizer tokenizer)
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private readonly char[] _chars = new char[1024];

    /// <summary>The text completed by this token; empty while a character is still incomplete.</summary>
    public string Decode(Native.LlamaToken token) => Decode(tokenizer.GetBytes(token), flush: false);

    /// <summary>Whatever is left at the end of generation (a dangling partial character as U+FFFD).</summary>
    public string Flush() => Decode([], flush: true);

    private string Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        // A token never yields more chars than bytes, plus a few held over from the previous one.
        var chars = bytes.Length + 4 <= _chars.Length ? _chars : new char[bytes.Length + 4];
        var count = _decoder.GetChars(bytes, chars, flush);
        return count == 0 ? string.Empty : new string(chars, 0, count);
    }
}
