using System.Text;
using System.Text.Json.Nodes;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>A streamed completion held open by the test: read a few chunks, then hang up like a client that goes away.</summary>
public sealed class OpenStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private OpenStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>The server's id of the request (<c>x-request-id</c>), the ledger's key.</summary>
    public string RequestId => _response.Headers.GetValues("x-request-id").Single();

    public static async Task<OpenStream> StartAsync(HttpClient http, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new OpenStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>Reads until a chunk carries generated text (thinking or answer).</summary>
    public async Task ReadGeneratedAsync()
    {
        while (await _reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: {", StringComparison.Ordinal)
                && JsonNode.Parse(line["data: ".Length..])!["choices"]!.AsArray() is [{ } choice]
                && (choice["delta"]!["reasoning_content"] ?? choice["delta"]!["content"]) is { } text && ((string)text!).Length > 0)
            {
                return;
            }
        }

        throw new InvalidOperationException("The stream ended before generating anything.");
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
