using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ReasoningServer.Fuzzing;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Hosting;

/// <summary>
/// <c>--max-request-body-bytes</c> (Server:MaxRequestBodyBytes): a body over it is refused with 413 in OpenAI's
/// shape, whether its Content-Length says so up front or a chunked body crosses it on the way; one under it is read.
/// </summary>
public sealed class RequestBodyLimitTests : IDisposable
{
    private const string Key = "sk-limit-0123456789";
    private const int Limit = 64 * 1024;
    private readonly TinyModelFolder _model = new("reasoningserver-limit-");

    public void Dispose() => _model.Dispose();

    [Theory]
    [InlineData(FuzzFraming.ContentLength)]
    [InlineData(FuzzFraming.Chunked)]
    public async Task A_body_over_the_limit_is_a_413_in_OpenAIs_shape(FuzzFraming framing)
    {
        using var server = await ServerExecutable.StartAsync(_model.ModelPath, Key, "--max-request-body-bytes", Limit.ToString(CultureInfo.InvariantCulture));

        var tooLarge = await SendAsync(server, framing, new string('a', Limit + 1));
        var fits = await SendAsync(server, framing, new string('a', Limit / 2));

        Assert.Equal(413, tooLarge.Status);
        var body = JsonNode.Parse(tooLarge.Body);
        ErrorShape.AssertIsError(body, "invalid_request_error", null, "request_too_large");
        Assert.Contains(Limit.ToString(CultureInfo.InvariantCulture), (string?)body!["error"]!["message"]);
        Assert.Equal(200, fits.Status);
    }

    [Fact]
    public async Task The_default_limit_refuses_a_20_MB_body()
    {
        using var server = await ServerExecutable.StartAsync(_model.ModelPath, Key);

        var outcome = await SendAsync(server, FuzzFraming.ContentLength, new string('a', ByteMutator.HugeBodyBytes));

        Assert.Equal(413, outcome.Status);
        ErrorShape.AssertIsError(JsonNode.Parse(outcome.Body), "invalid_request_error", null, "request_too_large");
        using var live = await server.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task A_limit_below_1_KiB_stops_the_server_at_start()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var server = ChildProcess.StartServer("--model", _model.ModelPath, "--port", port.ToString(CultureInfo.InvariantCulture), "--max-request-body-bytes", "10");
        await server.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, server.Process.ExitCode);
        Assert.Contains("could not start: MaxRequestBodyBytes", server.Output); // one line, not an unhandled exception (it was exit 134)
    }

    /// <summary>A valid chat completion whose <c>user</c> field carries the padding, so only the size can be wrong.</summary>
    private static async Task<FuzzOutcome> SendAsync(ServerExecutable server, FuzzFraming framing, string padding)
    {
        var body = Encoding.UTF8.GetBytes(
            $$"""{"model":"{{ServerFixture.ModelId}}","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":1,"user":"{{padding}}"}""");
        var envelope = new FuzzEnvelope
        {
            Method = "POST", Target = "/v1/chat/completions", Authorization = $"Bearer {Key}", ContentType = "application/json", Framing = framing,
        };
        var request = new FuzzCase(0, "limit", "POST", envelope.Target, HttpRequestWriter.Write(envelope, body, new Random(1)), FuzzDelivery.Whole, false);
        return await new RawHttpClient(new IPEndPoint(IPAddress.Loopback, server.Http.BaseAddress!.Port), TimeSpan.FromMinutes(1)).SendAsync(request);
    }
}
