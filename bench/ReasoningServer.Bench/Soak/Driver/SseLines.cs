using System.Text;

namespace ReasoningServer.Bench.Soak;

/// <summary>Lines of a response stream read <c>readSize</c> bytes at a time, optionally pausing after each read (a slow client).</summary>
internal sealed class SseLines(Stream stream, int readSize)
{
    private readonly byte[] _buffer = new byte[readSize];
    private readonly StringBuilder _line = new();
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
    private readonly char[] _chars = new char[Encoding.UTF8.GetMaxCharCount(readSize)];
    private int _count;
    private int _offset;

    public async Task<string?> ReadLineAsync(TimeSpan pauseAfterRead, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (_offset < _count)
            {
                var c = _chars[_offset++];
                if (c == '\n')
                {
                    var line = _line.ToString().TrimEnd('\r');
                    _line.Clear();
                    return line;
                }

                _line.Append(c);
            }

            var read = await stream.ReadAsync(_buffer, cancellationToken);
            if (read == 0)
            {
                return _line.Length > 0 ? _line.ToString() : null;
            }

            _count = _utf8.GetChars(_buffer, 0, read, _chars, 0);
            _offset = 0;
            if (pauseAfterRead > TimeSpan.Zero)
            {
                await Task.Delay(pauseAfterRead, cancellationToken);
            }
        }
    }
}
