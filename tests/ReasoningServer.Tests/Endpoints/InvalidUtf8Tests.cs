using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Endpoints;

/// <summary>
/// Found by the fuzzer: invalid UTF-8 inside a string or a property name of a free-form field (a json_schema, message
/// content) got past the JSON reader and was a 500 when read; so did an escaped lone surrogate (<c>"\udc00"</c>). Both are
/// a 400 now; a BOM and escaped surrogate pairs are still fine.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class InvalidUtf8Tests(ServerFixture server)
{
    public static TheoryData<string, byte[]> BadBytes => new()
    {
        { "/v1/chat/completions", [0xF4, 0x90, 0x80, 0x80] }, // past U+10FFFF
        { "/v1/chat/completions", [0xED, 0xA0, 0x80] }, // a UTF-16 surrogate encoded
        { "/v1/responses", [0xC3, 0x28] },
        { "/v1/completions", [0xFF] },
    };

    [Theory]
    [MemberData(nameof(BadBytes))]
    public async Task Invalid_UTF_8_in_a_schema_name_is_a_400(string path, byte[] bad)
    {
        var body = Body(path, bad);

        var (status, error) = await PostAsync(body, path);

        Assert.Equal(400, status);
        ErrorShape.AssertIsError(error, "invalid_request_error", null, "invalid_json");
    }

    [Theory]
    [InlineData("""{"model":"tiny-test","max_completion_tokens":1,"messages":[{"role":"user","content":"\udc00x"}]}""")]
    [InlineData("""{"model":"tiny-test","max_completion_tokens":1,"messages":[{"role":"user","content":[{"type":"text","text":"a\ud800"}]}]}""")]
    [InlineData("""{"model":"tiny-test","max_completion_tokens":1,"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"name":"o","schema":{"type":"object","properties":{"\ud800":{"type":"string"}}}}}}""")]
    public async Task An_escaped_lone_surrogate_is_a_400(string body)
    {
        var (status, error) = await PostAsync(Encoding.UTF8.GetBytes(body), "/v1/chat/completions");

        Assert.Equal(400, status);
        ErrorShape.AssertIsError(error, "invalid_request_error", null, "invalid_json");
    }

    [Fact]
    public async Task An_escaped_surrogate_pair_is_read()
    {
        var (status, _) = await PostAsync(Encoding.UTF8.GetBytes(
            """{"model":"tiny-test","messages":[{"role":"user","content":"\ud83d\ude00"}],"max_completion_tokens":1}"""), "/v1/chat/completions");

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task A_body_with_a_byte_order_mark_is_read()
    {
        var (status, _) = await PostAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(
            """{"model":"tiny-test","messages":[{"role":"user","content":"Hi é"}],"max_completion_tokens":1}""")], "/v1/chat/completions");

        Assert.Equal(200, status);
    }

    /// <summary>The bad bytes inside a property name of a json_schema (chat, responses) or inside the prompt (completions).</summary>
    private static byte[] Body(string path, byte[] bad)
    {
        static byte[] U(string text) => Encoding.UTF8.GetBytes(text);
        return path switch
        {
            "/v1/completions" => [.. U("""{"model":"tiny-test","max_tokens":1,"prompt":"a"""), .. bad, .. U("\"}")],
            "/v1/responses" => [.. U("""{"model":"tiny-test","max_output_tokens":1,"input":"x","text":{"format":{"type":"json_schema","name":"o","schema":{"type":"object","properties":{"a"""),
                .. bad, .. U("\":{\"type\":\"string\"}}}}}}")],
            _ => [.. U("""{"model":"tiny-test","max_completion_tokens":1,"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"name":"o","schema":{"type":"object","properties":{"a"""),
                .. bad, .. U("\":{\"type\":\"string\"}}}}}}")],
        };
    }

    private async Task<(int Status, JsonNode? Body)> PostAsync(byte[] body, string path)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await server.Http.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
