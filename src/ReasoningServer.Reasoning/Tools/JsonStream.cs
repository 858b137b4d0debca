using System.Text;
using System.Text.Json;

namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// One JSON value (an object here) that arrives in pieces, read token by token with <see cref="Utf8JsonReader"/>
/// carrying its <see cref="JsonReaderState"/> from piece to piece. The reader validates eagerly: it rejects a bad
/// escape, literal or separator at the byte where it goes wrong, and otherwise asks for more data, so whenever
/// it asks for more, everything buffered is a valid start of JSON and may be streamed on.
/// </summary>
internal sealed class JsonStream
{
    private byte[] _bytes = new byte[256];
    private int _length;
    private int _consumed;
    private JsonReaderState _state;
    // A high surrogate at the end of a piece waits for its low half: encoded alone it would become U+FFFD.
    private char? _pendingHighSurrogate;
    // Set while the reader waits for the end of a string: new bytes are followed here rather than re-read.
    private OpenStringScan? _openString;

    /// <summary>The end of the buffered bytes: everything before it has been seen by the reader without error.</summary>
    public int BufferedEnd => _length;

    /// <summary>True once the value's closing bracket has been read; what follows it is not JSON.</summary>
    public bool Closed { get; private set; }

    public void Append(ReadOnlySpan<char> chars)
    {
        if (_pendingHighSurrogate is char high)
        {
            _pendingHighSurrogate = null;
            chars = string.Concat([high], chars);
        }

        if (chars.Length > 0 && char.IsHighSurrogate(chars[^1]))
        {
            _pendingHighSurrogate = chars[^1];
            chars = chars[..^1];
        }

        var needed = _length + Encoding.UTF8.GetMaxByteCount(chars.Length);
        if (needed > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
        }

        _length += Encoding.UTF8.GetBytes(chars, _bytes.AsSpan(_length));
    }

    public JsonReadResult TryRead(out JsonToken token)
    {
        token = default;
        if (_openString is { } open)
        {
            var followed = open.Follow(_bytes, _length);
            _openString = followed ? open : null;
            if (followed)
            {
                return JsonReadResult.NeedMore;
            }
        }

        var reader = new Utf8JsonReader(_bytes.AsSpan(_consumed, _length - _consumed), isFinalBlock: false, _state);
        try
        {
            if (!reader.Read())
            {
                FollowOpenString();
                return JsonReadResult.NeedMore;
            }

            var text = reader.CurrentDepth <= 1 && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                ? reader.GetString()
                : null;
            token = new JsonToken(reader.TokenType, reader.CurrentDepth, _consumed + (int)reader.TokenStartIndex,
                _consumed + (int)reader.BytesConsumed, text);
        }
        catch (JsonException)
        {
            return JsonReadResult.Invalid;
        }

        _consumed = token.End;
        _state = reader.CurrentState;
        Closed = token.Depth == 0 && token.Type is JsonTokenType.EndObject or JsonTokenType.EndArray;
        return JsonReadResult.Token;
    }

    /// <summary>
    /// After <see cref="JsonReadResult.Invalid"/>: where the valid start of the text ends, i.e. the longest
    /// buffered prefix the reader accepts. This is the same however the text was cut into pieces (a streamed
    /// call has already sent exactly the prefixes the reader accepted), so a broken call ends the same way.
    /// </summary>
    public int ValidPrefixEnd()
    {
        // Accepting is monotone in the prefix length (the reader stops at the first bad byte), so bisect.
        int valid = 0, invalid = _length - _consumed;
        while (invalid - valid > 1)
        {
            var middle = (valid + invalid) / 2;
            if (Accepts(middle))
            {
                valid = middle;
            }
            else
            {
                invalid = middle;
            }
        }

        var end = _consumed + valid;
        while (end > _consumed && (_bytes[end] & 0xC0) == 0x80)
        {
            end--; // never end inside a multi-byte character
        }

        return end;
    }

    public string Decode(int start, int end) => Encoding.UTF8.GetString(_bytes, start, end - start);

    /// <summary>After <see cref="Closed"/>: the text that followed the value in the last piece, which is not ours.</summary>
    public string TakeLeftover() => TakeFrom(_consumed);

    /// <summary>Takes back the buffered text from byte <paramref name="start"/> on (e.g. what follows a broken value's valid start).</summary>
    public string TakeFrom(int start)
    {
        var leftover = Decode(start, _length);
        _length = start;
        if (_pendingHighSurrogate is char high)
        {
            leftover += high;
            _pendingHighSurrogate = null;
        }

        return leftover;
    }

    // After the reader asked for more: if what it waits for is a string, follow its inside from here on.
    private void FollowOpenString()
    {
        // Between tokens there is only whitespace and one separator (a property name's colon is part of its token).
        var at = _consumed;
        while (at < _length && _bytes[at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)',' or (byte)':')
        {
            at++;
        }

        if (at < _length && _bytes[at] == '"')
        {
            var open = OpenStringScan.StartingAt(at + 1);
            _openString = open.Follow(_bytes, _length) ? open : null;
        }
    }

    private bool Accepts(int prefixLength)
    {
        var reader = new Utf8JsonReader(_bytes.AsSpan(_consumed, prefixLength), isFinalBlock: false, _state);
        try
        {
            reader.Read();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
