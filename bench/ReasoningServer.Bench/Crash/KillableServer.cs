using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace ReasoningServer.Bench.Crash;

/// <summary>The server executable on a free loopback port, its output kept, ready when <c>/health/ready</c> says so, killed with SIGKILL.</summary>
internal sealed class KillableServer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private KillableServer(Process process, HttpClient http)
    {
        _process = process;
        Http = http;
    }

    /// <summary>Sends the key the server was started with.</summary>
    public HttpClient Http { get; }

    /// <summary>From process start to the first 200 of <c>/health/ready</c>.</summary>
    public TimeSpan StartToReady { get; private set; }

    public bool HasExited => _process.HasExited;

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

    public static async Task<KillableServer> StartAsync(string serverDll, string modelPath, string apiKey, IReadOnlyList<string> arguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverDll, "--model", modelPath, "--alias", CrashBenchmark.ModelId, "--port", port.ToString(CultureInfo.InvariantCulture),
                "--ctx-size", "2048", "--threads", "1", "--api-key", apiKey },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var started = Stopwatch.StartNew();
        var server = new KillableServer(Process.Start(start)!, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) });
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        server.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        while (!server.HasExited && started.Elapsed < TimeSpan.FromMinutes(2))
        {
            try
            {
                using var response = await server.Http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    server.StartToReady = started.Elapsed;
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(20);
        }

        var output = server.Output;
        server.Dispose();
        throw new InvalidOperationException($"The server did not become ready:\n{output}");
    }

    /// <summary>SIGKILL: no shutdown, no drain, no flush.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
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

    public void Dispose()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
