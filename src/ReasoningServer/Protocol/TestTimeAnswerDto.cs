namespace ReasoningServer.Protocol;

/// <summary>Extension: how <c>test_time</c> extracts each sample's final answer.</summary>
internal sealed class TestTimeAnswerDto
{
    /// <summary><c>last_number</c> (default) | <c>boxed</c> | <c>regex</c>.</summary>
    public string? Extract { get; set; }

    /// <summary>With <c>regex</c>: the last match's first group (or whole match) is the answer.</summary>
    public string? Pattern { get; set; }
}
