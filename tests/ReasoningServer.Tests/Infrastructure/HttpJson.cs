using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>Raw HTTP for what the official client cannot express: bad input and this server's extension fields.</summary>
public static class HttpJson
{
    public static async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(
        HttpClient http, string path, string body, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await http.PostAsync(path, content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public static Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(HttpClient http, string path, JsonObject body) =>
        PostAsync(http, path, body.ToJsonString());

    /// <summary>Reads an SSE response into its data payloads (without the final [DONE]) and whether [DONE] came.</summary>
    public static async Task<(List<JsonNode> Events, bool Done)> StreamAsync(HttpClient http, string path, JsonObject body)
    {
        var (events, _, done) = await StreamWithCommentsAsync(http, path, body, allowComments: false);
        return (events, done);
    }

    /// <summary>As <see cref="StreamAsync"/>, also collecting SSE comment lines (": ..."), which only streams that announce them may send.</summary>
    public static async Task<(List<JsonNode> Events, List<string> Comments, bool Done)> StreamWithCommentsAsync(
        HttpClient http, string path, JsonObject body, bool allowComments = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<JsonNode>();
        var comments = new List<string>();
        var done = false;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (allowComments && line.StartsWith(": ", StringComparison.Ordinal))
            {
                comments.Add(line[2..]);
                continue;
            }

            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Assert.Equal(string.Empty, line); // OpenAI's streams have data lines and blank separators only
                continue;
            }

            var data = line["data: ".Length..];
            if (data == "[DONE]")
            {
                done = true;
                continue;
            }

            Assert.False(done, "nothing may follow [DONE]");
            events.Add(JsonNode.Parse(data)!);
        }

        return (events, comments, done);
    }
}
