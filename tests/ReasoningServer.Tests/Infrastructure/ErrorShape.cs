using System.Text.Json.Nodes;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>Checks OpenAI's error body: exactly message, type, param and code, with param and code present even when null.</summary>
public static class ErrorShape
{
    public static void AssertIsError(JsonNode? body, string type, string? param, string? code)
    {
        Assert.NotNull(body);
        var error = body["error"]!.AsObject();
        Assert.Equal(["code", "message", "param", "type"], error.Select(p => p.Key).Order());
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        Assert.Equal(type, (string?)error["type"]);
        Assert.Equal(param, (string?)error["param"]);
        Assert.Equal(code, (string?)error["code"]);
    }
}
