namespace ReasoningServer.Protocol.Responses;

/// <summary>A <c>summary_text</c> part of a reasoning item.</summary>
internal sealed class SummaryTextDto
{
    public string Type => "summary_text";

    public required string Text { get; set; }
}
