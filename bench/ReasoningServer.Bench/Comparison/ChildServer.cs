using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ReasoningServer.Bench.Common;

namespace ReasoningServer.Bench.Comparison;

/// <summary>
/// An OpenAI-compatible server (ours or llama-server) started as a child process on a free loopback port,
/// ready once it answers a chat completion. Its peak resident memory is read from /proc before it is stopped.
/// </summary>
internal sealed class ChildServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ChildServer(Process process, HttpClient http, string name)
    {
        _process = process;
        Http = http;
        Name = name;
    }

    public string Name { get; }

    public HttpClient Http { get; }

    /// <summary>The server's lines that mention threads, as it logged them (to report what each ran with).</summary>
    public string ThreadLines
    {
        get
        {
            lock (_log)
            {
                return string.Join(" / ", _log.ToString().Split('\n').Where(l => l.Contains("thread", StringComparison.OrdinalIgnoreCase)).Take(2).Select(l => l.Trim()));
            }
        }
    }

    /// <param name="program">The executable (dotnet for ours).</param>
    /// <param name="arguments">Everything but the port, which is chosen here and appended as <c>--port N --host 127.0.0.1</c>.</param>
    public static async Task<ChildServer> StartAsync(string name, string program, IEnumerable<string> arguments, string modelId,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--host");
        start.ArgumentList.Add("127.0.0.1");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        ChildProcessRegistry.Add(process);
        var server = new ChildServer(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(30) }, name);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilServingAsync(modelId);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>The highest resident set size of the server process so far, in MiB (VmHWM).</summary>
    public double PeakResidentMiB() => ProcessMemory.PeakResidentMiB(_process.Id);

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        ChildProcessRegistry.Kill(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < 1 << 20)
            {
                _log.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilServingAsync(string modelId)
    {
        var body = $$"""{"model":"{{modelId}}","messages":[{"role":"user","content":"hi"}],"max_tokens":2,"temperature":0}""";
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before serving:\n{Tail()}");
            }

            try
            {
                using var response = await Http.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"{Name} did not serve within three minutes:\n{Tail()}");
            }

            await Task.Delay(50);
        }
    }

    private string Tail()
    {
        lock (_log)
        {
            return string.Join('\n', _log.ToString().Split('\n').TakeLast(20));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
