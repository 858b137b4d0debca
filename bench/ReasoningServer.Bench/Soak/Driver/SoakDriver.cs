using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Bench.Soak;

/// <summary>
/// Streaming clients that hang up at random points, before the first byte, or read slowly, beside normal
/// readers, against a running server. Bounded in time: each client stops starting requests at the deadline.
/// Shared by the <c>soak</c> benchmark and the reliability test, which checks its outcome with <see cref="SoakChecks"/>.
/// </summary>
internal static class SoakDriver
{
    // The tiny models' end of turn and of thinking: biased away so that a stream meant to be hung up on keeps going.
    private static readonly int[] EndTokens = [ByteLevelBpeVocabulary.ImEndId, ByteLevelBpeVocabulary.ThinkEndId];

    public static async Task<SoakRun> RunAsync(SoakSettings settings, CancellationToken cancellationToken = default)
    {
        var results = new List<SoakRequestResult>();
        var startedAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.StartNew();
        if (settings.Baseline > TimeSpan.Zero)
        {
            var normal = Enumerable.Range(0, settings.Clients).Where(c => settings.KindOf(c) == SoakClientKind.Normal).ToList();
            var until = DateTime.UtcNow + settings.Baseline;
            foreach (var batch in await Task.WhenAll(normal.Select(c => ClientAsync(settings, c, SoakClientKind.Normal, until, baseline: true, cancellationToken))))
            {
                results.AddRange(batch);
            }
        }

        var deadline = DateTime.UtcNow + settings.Duration;
        foreach (var batch in await Task.WhenAll(Enumerable.Range(0, settings.Clients)
            .Select(c => ClientAsync(settings, c, settings.KindOf(c), deadline, baseline: false, cancellationToken))))
        {
            results.AddRange(batch);
        }

        return new SoakRun(results, started.Elapsed, startedAt);
    }

    private static async Task<List<SoakRequestResult>> ClientAsync(SoakSettings settings, int client, SoakClientKind kind, DateTime deadline,
        bool baseline, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var random = new Random(HashCode.Combine(settings.Seed, client, baseline));
        var results = new List<SoakRequestResult>();
        for (var i = 0; DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested; i++)
        {
            // A client of its own per request: closing it closes the connection at once, as a client that goes away does.
            using var http = CreateClient(settings, kind);
            var body = Body(settings, kind, $"Soak client {client}, request {i}: tell me about the number {random.Next(1000)}.");
            results.Add(kind switch
            {
                SoakClientKind.HangUpBeforeFirstByte => await HangUpEarlyAsync(http, body, random.Next(0, 20), cancellationToken),
                SoakClientKind.HangUpMidStream => await StreamAsync(http, body, settings, kind, baseline, hangUpAfter: random.Next(1, 48), deadline, cancellationToken),
                _ => await StreamAsync(http, body, settings, kind, baseline, hangUpAfter: null, deadline, cancellationToken),
            });

            // A moment between requests, as people have: clients that leave within milliseconds would otherwise
            // reconnect hundreds of times a second and soak the server in connection setup instead of hang-ups.
            await Task.Delay(kind == SoakClientKind.HangUpBeforeFirstByte ? random.Next(100, 400) : random.Next(0, 100), cancellationToken);
        }

        return results;
    }

    /// <summary>A client of one request: a slow reader's has a tiny socket receive buffer; none drains a response it leaves.</summary>
    public static HttpClient CreateClient(SoakSettings settings, SoakClientKind kind)
    {
        var handler = new SocketsHttpHandler
        {
            // Disposing a response mid-body must close the connection, not read the rest of the stream to reuse it.
            MaxResponseDrainSize = 0,
        };
        if (kind == SoakClientKind.SlowReader)
        {
            // A tiny receive window: the server's writes back up into its own buffers almost at once.
            handler.ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 1024 };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        var http = new HttpClient(handler) { BaseAddress = settings.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        if (settings.ApiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }

        return http;
    }

    private static JsonObject Body(SoakSettings settings, SoakClientKind kind, string text)
    {
        var endless = kind is SoakClientKind.HangUpMidStream or SoakClientKind.HangUpBeforeFirstByte;
        var body = new JsonObject
        {
            ["model"] = settings.ModelId,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
            ["max_completion_tokens"] = endless ? settings.EndlessTokens : kind == SoakClientKind.SlowReader ? settings.SlowTokens : settings.ReadTokens,
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
            ["reasoning_format"] = "reasoning_content",
        };
        if (kind != SoakClientKind.Normal)
        {
            var bias = new JsonObject();
            foreach (var token in EndTokens)
            {
                bias[token.ToString(CultureInfo.InvariantCulture)] = -100;
            }

            body["logit_bias"] = bias;
        }

        return body;
    }

    private static async Task<SoakRequestResult> HangUpEarlyAsync(HttpClient http, JsonObject body, int afterMs, CancellationToken cancellationToken)
    {
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        leave.CancelAfter(afterMs);
        try
        {
            using var response = await http.SendAsync(Request(body), HttpCompletionOption.ResponseHeadersRead, leave.Token);
            // The headers came first: the client still leaves before reading a byte of the body.
            return new SoakRequestResult(SoakClientKind.HangUpBeforeFirstByte, false, RequestId(response), (int)response.StatusCode, 0, null, 0, false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SoakRequestResult(SoakClientKind.HangUpBeforeFirstByte, false, null, 0, 0, null, 0, false);
        }
        catch (HttpRequestException)
        {
            return new SoakRequestResult(SoakClientKind.HangUpBeforeFirstByte, false, null, 0, 0, null, 0, false);
        }
    }

    private static async Task<SoakRequestResult> StreamAsync(HttpClient http, JsonObject body, SoakSettings settings, SoakClientKind kind, bool baseline, int? hangUpAfter,
        DateTime deadline, CancellationToken cancellationToken)
    {
        var slow = kind == SoakClientKind.SlowReader;
        // A slow reader still reading at the end of the run hangs up there, so the run ends on time.
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (slow)
        {
            leave.CancelAfter(Max(TimeSpan.Zero, deadline - DateTime.UtcNow));
        }

        var requestId = new StrongBox<string?>();
        try
        {
            return await ReadStreamAsync(http, body, settings, kind, baseline, hangUpAfter, requestId, leave.Token);
        }
        catch (OperationCanceledException) when (slow && !cancellationToken.IsCancellationRequested)
        {
            // Chunks read so far are not known here; 0 keeps the ledger check to "at least what was read".
            return new SoakRequestResult(kind, baseline, requestId.Value, requestId.Value is null ? 0 : 200, 0, null, 0, false);
        }
    }

    private static async Task<SoakRequestResult> ReadStreamAsync(HttpClient http, JsonObject body, SoakSettings settings, SoakClientKind kind, bool baseline, int? hangUpAfter,
        StrongBox<string?> id, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(Request(body), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var requestId = RequestId(response);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new SoakRequestResult(kind, baseline, requestId, status, 0, null, 0, false);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var slow = kind == SoakClientKind.SlowReader;
        id.Value = requestId;
        var lines = new SseLines(stream, slow ? settings.SlowReadBytes : 16 * 1024);
        var slowPause = slow ? settings.SlowPause : TimeSpan.Zero;
        int chunks = 0;
        int? usage = null;
        long first = 0, last = 0;
        var done = false;
        while (await lines.ReadLineAsync(slowPause, cancellationToken) is { } line)
        {
            if (line == "data: [DONE]")
            {
                done = true;
                break;
            }

            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            var chunk = JsonNode.Parse(line.AsSpan(6).ToString())!;
            if (chunk["usage"] is JsonObject reported)
            {
                usage = (int)reported["completion_tokens"]!;
            }

            if (chunk["choices"] is JsonArray { Count: 1 } choices && HasText(choices[0]?["delta"]))
            {
                last = Stopwatch.GetTimestamp();
                first = first == 0 ? last : first;
                if (++chunks == hangUpAfter)
                {
                    break; // leaving: the using blocks close the connection
                }
            }
        }

        var seconds = first == 0 ? 0 : Stopwatch.GetElapsedTime(first, last).TotalSeconds;
        return new SoakRequestResult(kind, baseline, requestId, status, chunks, usage, seconds, done);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static bool HasText(JsonNode? delta) =>
        delta is not null && (((string?)delta["reasoning_content"])?.Length > 0 || ((string?)delta["content"])?.Length > 0);

    private static HttpRequestMessage Request(JsonObject body) => new(HttpMethod.Post, "/v1/chat/completions")
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
    };

    private static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-request-id", out var values) ? values.FirstOrDefault() : null;
}
