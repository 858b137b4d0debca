using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>The real server executable on a free loopback port, with an HTTP client that waits until it answers.</summary>
public sealed class ServerExecutable : IDisposable
{
    private ServerExecutable(ChildProcess process, HttpClient http)
    {
        Process = process;
        Http = http;
    }

    public ChildProcess Process { get; }

    /// <summary>Sends <c>Authorization: Bearer</c> with the key the server was started with.</summary>
    public HttpClient Http { get; }

    public static Task<ServerExecutable> StartAsync(string modelPath, string apiKey, params string[] arguments) =>
        StartWithAsync(apiKey, ["--model", modelPath, "--alias", ServerFixture.ModelId, .. arguments]);

    /// <summary>Starts the server without a model option, so it serves the model it ships with.</summary>
    public static Task<ServerExecutable> StartShippedModelAsync(string apiKey, params string[] arguments) => StartWithAsync(apiKey, arguments);

    private static async Task<ServerExecutable> StartWithAsync(string apiKey, string[] arguments)
    {
        var port = FreePort();
        var process = ChildProcess.StartServer(["--port", port.ToString(CultureInfo.InvariantCulture),
            "--ctx-size", "2048", "--threads", "1", "--api-key", apiKey, .. arguments]);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!process.Process.HasExited && DateTime.UtcNow < deadline)
        {
            // Kestrel listens while the model loads (and the engine times its steps): ready means it can serve.
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return new ServerExecutable(process, http);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        process.Dispose();
        throw new TimeoutException($"The server did not answer:\n{process.Output}");
    }

    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
