namespace ReasoningServer.Serving;

/// <summary>Response ids in OpenAI's style: a prefix and 24 random characters.</summary>
internal static class ResponseIds
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 25)];
}
