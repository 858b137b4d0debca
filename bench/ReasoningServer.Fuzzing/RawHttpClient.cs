using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReasoningServer.Fuzzing;

/// <summary>
/// Sends a case's bytes on a fresh TCP connection and reads the response to the end (every request says
/// <c>Connection: close</c>). Reading runs while the bytes still go out, so a server that answers 413 early is heard
/// even if it then resets the connection.
/// </summary>
public sealed class RawHttpClient(IPEndPoint server, TimeSpan timeout)
{
    public async Task<FuzzOutcome> SendAsync(FuzzCase fuzzCase, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var received = new MemoryStream();
        string? failure = null;
        try
        {
            await socket.ConnectAsync(server, deadline.Token);
            var sending = SendBytesAsync(socket, fuzzCase, deadline.Token);
            failure = await ReceiveAsync(socket, received, deadline.Token);
            try { await sending; } catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = "timeout";
        }
        catch (SocketException)
        {
            failure = "reset";
        }

        return Parse(received.ToArray(), failure, started.Elapsed);
    }

    private static async Task SendBytesAsync(Socket socket, FuzzCase fuzzCase, CancellationToken cancellationToken)
    {
        var bytes = fuzzCase.Request;
        if (fuzzCase.Delivery == FuzzDelivery.Trickle)
        {
            // Headers a few bytes at a time over about a second and a half, then the rest at once.
            var headerEnd = Math.Max(0, IndexOf(bytes, "\r\n\r\n"u8));
            var step = Math.Max(1, headerEnd / 30);
            for (var offset = 0; offset < headerEnd; offset += step)
            {
                await socket.SendAsync(bytes.AsMemory(offset, Math.Min(step, headerEnd - offset)), cancellationToken);
                await Task.Delay(50, cancellationToken);
            }

            bytes = bytes[headerEnd..];
        }

        for (var offset = 0; offset < bytes.Length;)
        {
            offset += await socket.SendAsync(bytes.AsMemory(offset, Math.Min(256 * 1024, bytes.Length - offset)), cancellationToken);
        }

        if (fuzzCase.Delivery == FuzzDelivery.HalfClose)
        {
            socket.Shutdown(SocketShutdown.Send);
        }
    }

    private static async Task<string?> ReceiveAsync(Socket socket, MemoryStream received, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, cancellationToken);
                if (read == 0) return null;
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // A reset after a complete response (the server closing on an unread body) is not a failure.
            return "reset";
        }
    }

    private static FuzzOutcome Parse(byte[] bytes, string? failure, TimeSpan elapsed)
    {
        var headerEnd = IndexOf(bytes, "\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            return new FuzzOutcome(null, null, [], failure ?? "closed", elapsed);
        }

        var head = Encoding.Latin1.GetString(bytes, 0, headerEnd).Split("\r\n");
        var statusParts = head[0].Split(' ');
        if (statusParts.Length < 2 || !int.TryParse(statusParts[1], out var status))
        {
            return new FuzzOutcome(null, null, [], "garbled", elapsed);
        }

        // 100 Continue comes before the real response.
        if (status == 100)
        {
            return Parse(bytes[(headerEnd + 4)..], failure, elapsed);
        }

        string? Header(string name) => head.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).FirstOrDefault();
        var body = bytes[(headerEnd + 4)..];
        if (Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            body = Dechunk(body);
        }
        else if (Header("Content-Length") is { } length && int.TryParse(length, out var n) && n <= body.Length)
        {
            body = body[..n];
        }

        return new FuzzOutcome(status, Header("Content-Type"), body, null, elapsed);
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var output = new MemoryStream();
        var offset = 0;
        while (offset < body.Length)
        {
            var lineEnd = IndexOf(body.AsSpan(offset), "\r\n"u8);
            if (lineEnd < 0) break;
            var sizeText = Encoding.ASCII.GetString(body, offset, lineEnd).Split(';')[0];
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0) break;
            offset += lineEnd + 2;
            output.Write(body, offset, Math.Min(size, body.Length - offset));
            offset += size + 2;
        }

        return output.ToArray();
    }

    private static int IndexOf(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> value) => bytes.IndexOf(value);
}
