namespace ReasoningServer.Protocol.Responses;

/// <summary>A call the model made: <c>call_id</c> is what a <c>function_call_output</c> answers.</summary>
internal sealed class FunctionCallItemDto : ResponseItemDto
{
    public string Status { get; set; } = "completed";

    public required string Arguments { get; set; }

    public required string CallId { get; init; }

    public required string Name { get; init; }
}
