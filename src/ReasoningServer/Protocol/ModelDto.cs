namespace ReasoningServer.Protocol;

internal sealed class ModelDto
{
    public required string Id { get; init; }

    public string Object => "model";

    public required long Created { get; init; }

    public string OwnedBy => "reasoningserver";

    /// <summary>Extension: the context window this server gives the model, in tokens.</summary>
    public required int ContextLength { get; init; }

    /// <summary>Extension: the thinking delimiters, or null for a model without a thinking section.</summary>
    public required string? ReasoningFormat { get; init; }
}
