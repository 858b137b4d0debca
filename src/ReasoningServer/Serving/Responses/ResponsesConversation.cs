using ReasoningServer.Protocol;
using ReasoningServer.Protocol.Responses;

namespace ReasoningServer.Serving.Responses;

/// <summary>A Responses request's conversation: the chat messages the model is prompted with, and this request's own
/// input items as they are stored (with ids) for <c>input_items</c> and later <c>previous_response_id</c> requests.</summary>
internal sealed record ResponsesConversation(List<ChatMessageDto> Messages, List<ResponseItemDto> Input);
