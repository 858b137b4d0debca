using ReasoningServer.Protocol.Responses;

namespace ReasoningServer.Serving.Responses;

/// <summary>A validated Responses request: the completion the one generation path runs, and what its response is made of.</summary>
/// <param name="Response">The response object with the request's settings, not yet generated (<c>in_progress</c>, no output).</param>
/// <param name="Input">This request's input items with ids, stored for <c>input_items</c> and later turns.</param>
/// <param name="ApiKeyId">The key the response belongs to ("" on an open server).</param>
internal sealed record ResponsesJob(
    CompletionJob Completion,
    ResponseDto Response,
    List<ResponseItemDto> Input,
    string ApiKeyId,
    bool Summary,
    bool IncludeEncryptedReasoning,
    bool IncludeLogprobs);
