namespace ReasoningServer.Serving;

/// <summary>Response ids in OpenAI's style: a prefix and 24 random characters.</summary>
internal static class ResponseIds
{
    /// <summary>Chat completions' style, <c>chatcmpl-…</c>.</summary>
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 25)];

    /// <summary>The Responses API's style, <c>resp_…</c>, <c>msg_…</c>, <c>rs_…</c>, <c>fc_…</c>: a prefix and 48 hex digits.</summary>
    public static string NewItem(string prefix) => $"{prefix}_{Guid.NewGuid():N}{Guid.NewGuid():N}"[..(prefix.Length + 49)];
}
