namespace ReasoningServer.Fuzzing;

/// <summary>Everything about a request but its body: what an envelope mutation changes.</summary>
public sealed class FuzzEnvelope
{
    public string Method { get; set; } = "GET";

    public string Target { get; set; } = "/";

    public string Version { get; set; } = "HTTP/1.1";

    /// <summary>Null: no Authorization header.</summary>
    public string? Authorization { get; set; }

    /// <summary>Null: no Content-Type header.</summary>
    public string? ContentType { get; set; }

    public FuzzFraming Framing { get; set; } = FuzzFraming.ContentLength;

    public FuzzDelivery Delivery { get; set; } = FuzzDelivery.Whole;

    /// <summary>Raw header lines added as they are (may be malformed on purpose).</summary>
    public List<string> ExtraHeaders { get; } = [];

    public bool HeaderLevel { get; set; }
}
