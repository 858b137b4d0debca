namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// Follows the inside of a JSON string the reader has seen begin but not end, byte by byte as more arrives,
/// so a long string (a file's content, say) is not re-read from its start with every piece. It only accepts
/// what the reader would: plain bytes and complete or incomplete valid escapes. A quote, a control character or
/// a bad escape stops it, and the reader reads from the token's start again (to end the string or to fail).
/// </summary>
internal struct OpenStringScan
{
    private State _state;
    private int _hexDigitsLeft;

    private enum State { Plain, AfterBackslash, InUnicodeEscape }

    /// <summary>The end of the bytes followed so far.</summary>
    public int ScannedTo { get; private set; }

    public static OpenStringScan StartingAt(int contentStart) => new() { ScannedTo = contentStart };

    /// <summary>Follows <c>bytes[ScannedTo..end]</c>; false when it stops, leaving the rest to the reader.</summary>
    public bool Follow(ReadOnlySpan<byte> bytes, int end)
    {
        for (; ScannedTo < end; ScannedTo++)
        {
            var b = bytes[ScannedTo];
            switch (_state)
            {
                case State.Plain when b is (byte)'"' or < 0x20:
                    return false;
                case State.Plain when b == '\\':
                    _state = State.AfterBackslash;
                    break;
                case State.Plain:
                    break;
                case State.AfterBackslash when b == 'u':
                    _state = State.InUnicodeEscape;
                    _hexDigitsLeft = 4;
                    break;
                case State.AfterBackslash when b is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    _state = State.Plain;
                    break;
                case State.InUnicodeEscape when char.IsAsciiHexDigit((char)b):
                    if (--_hexDigitsLeft == 0)
                    {
                        _state = State.Plain;
                    }

                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
