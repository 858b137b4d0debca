using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ReasoningServer.Native;

namespace ReasoningServer.Bench.Common;

/// <summary>The real server as a child process on a free loopback port, as a user would run it; its output kept.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly string _modelId;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, HttpClient http, string modelId)
    {
        _process = process;
        _http = http;
        _modelId = modelId;
    }

    /// <summary>From process start to the first answered completion (or 200 of <c>/health/ready</c>, when asked for).</summary>
    public TimeSpan StartToFirstResponse { get; private set; }

    /// <summary>Everything the server wrote to standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>For reading its memory from /proc.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the server has died (or was stopped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>A client of this server's base address, for other benchmarks.</summary>
    public HttpClient Http => _http;

    /// <summary>Where the server listens, e.g. for an OpenAI client.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <param name="apiKey">Sent as a Bearer key with every request (start the server with it via <paramref name="extraArguments"/>).</param>
    /// <param name="readyWhenHealthy">Ready at the first 200 of <c>/health/ready</c> instead of a first completion, which would be billed.</param>
    public static async Task<ServerProcess> StartAsync(string serverDll, string modelPath, int contextSize, int threads,
        IReadOnlyList<string>? extraArguments = null, string? apiKey = null, string modelId = "bench", bool readyWhenHealthy = false)
    {
        var port = FreePort();
        var started = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverDll, "--model", modelPath, "--alias", modelId, "--port", port.ToString(CultureInfo.InvariantCulture),
                "--ctx-size", contextSize.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture) },
            // --threads 0 means the server's default, the same as the engine's in this process.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in extraArguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        var server = new ServerProcess(Process.Start(start)!, http, modelId);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) =>
        {
            server.Append(e.Data);
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[server] {e.Data}");
            }
        };
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();

        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {server._process.ExitCode} before answering:\n{server.Output}");
            }

            try
            {
                using var response = readyWhenHealthy
                    ? await http.GetAsync("/health/ready")
                    : await http.PostAsync("/v1/chat/completions", Json(Body(modelId, 1, stream: false, bias: new Dictionary<LlamaToken, float>())));
                if (response.IsSuccessStatusCode)
                {
                    server.StartToFirstResponse = started.Elapsed;
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (started.Elapsed > TimeSpan.FromMinutes(2))
            {
                await server.DisposeAsync();
                throw new TimeoutException($"The server did not answer within two minutes:\n{server.Output}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>SIGKILL: no shutdown, no drain, no flush.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Streams one completion and returns decode tokens/s from the first streamed token to the last.</summary>
    public async Task<double> DecodeRateAsync(int tokens, IReadOnlyDictionary<LlamaToken, float> bias)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(Body(_modelId, tokens, stream: true, bias)) };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        long first = 0, last = 0;
        var generated = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            var chunk = JsonNode.Parse(line.AsSpan(6).ToString())!;
            if (chunk["usage"] is { } usage)
            {
                generated = (int)usage["completion_tokens"]!;
            }

            if (chunk["choices"]!.AsArray() is [{ } choice] && (choice["delta"]!["reasoning_content"] ?? choice["delta"]!["content"]) is not null)
            {
                last = Stopwatch.GetTimestamp();
                first = first == 0 ? last : first;
            }
        }

        return (generated - 1) / Stopwatch.GetElapsedTime(first, last).TotalSeconds;
    }

    /// <summary>Milliseconds of each of <paramref name="requests"/> sequential one-token JSON completions, response read whole.</summary>
    public async Task<List<double>> LatenciesAsync(int requests)
    {
        var latencies = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await _http.PostAsync("/v1/chat/completions", Json(Body(_modelId, 1, stream: false, bias: new Dictionary<LlamaToken, float>())));
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static JsonObject Body(string modelId, int tokens, bool stream, IReadOnlyDictionary<LlamaToken, float> bias)
    {
        var logitBias = new JsonObject();
        foreach (var (token, value) in bias)
        {
            logitBias[token.Value.ToString(CultureInfo.InvariantCulture)] = value;
        }

        return new JsonObject
        {
            ["model"] = modelId,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What is 12345 + 67890? Think step by step." }),
            ["max_completion_tokens"] = tokens,
            ["seed"] = 1,
            ["stream"] = stream,
            ["stream_options"] = stream ? new JsonObject { ["include_usage"] = true } : null,
            ["reasoning_format"] = "reasoning_content",
            ["logit_bias"] = logitBias,
        };
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
