using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReasoningServer.Fuzzing;

/// <summary>
/// Connections that send a header line every second and never finish: held alongside the fuzz run to show the server
/// cuts them (Kestrel's request-headers timeout) and keeps serving everyone else meanwhile.
/// </summary>
public sealed class SlowLorisProbe(IPEndPoint server, int connections)
{
    private int _cutByServer;
    private long _longestTicks;

    public int Connections => connections;

    /// <summary>Connections the server closed before the probe gave up on them.</summary>
    public int CutByServer => _cutByServer;

    public TimeSpan LongestHeld => TimeSpan.FromTicks(Interlocked.Read(ref _longestTicks));

    public Task RunAsync(CancellationToken stop) => Task.WhenAll(Enumerable.Range(0, connections).Select(i => HoldAsync(i, stop)));

    private async Task HoldAsync(int index, CancellationToken stop)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var held = Stopwatch.StartNew();
        try
        {
            await socket.ConnectAsync(server, stop);
            await socket.SendAsync(Encoding.ASCII.GetBytes("POST /v1/chat/completions HTTP/1.1\r\nHost: fuzz\r\n"), stop);
            var reading = socket.ReceiveAsync(new byte[1024], stop).AsTask();
            for (var line = 0; !reading.IsCompleted; line++)
            {
                await Task.WhenAny(reading, Task.Delay(1000, stop));
                if (!reading.IsCompleted)
                {
                    await socket.SendAsync(Encoding.ASCII.GetBytes($"X-Slow-{index}-{line}: {line}\r\n"), stop);
                }
            }

            await reading; // the server answered (a bodyless 408) or closed
            Interlocked.Increment(ref _cutByServer);
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
            Interlocked.Increment(ref _cutByServer); // reset by the server
        }
        finally
        {
            var ticks = held.Elapsed.Ticks;
            long seen;
            while ((seen = Interlocked.Read(ref _longestTicks)) < ticks && Interlocked.CompareExchange(ref _longestTicks, ticks, seen) != seen)
            {
            }
        }
    }
}
