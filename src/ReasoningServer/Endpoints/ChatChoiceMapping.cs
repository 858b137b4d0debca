using ReasoningServer.Protocol;
using ReasoningServer.Serving;

namespace ReasoningServer.Endpoints;

/// <summary>A whole choice as the non-streamed chat completion shows it.</summary>
internal static class ChatChoiceMapping
{
    public static ChatChoiceDto ToDto(ChoiceAccumulator choice, int index, CompletionJob job) => new()
    {
        Index = index,
        Message = new ChatResponseMessageDto
        {
            Content = choice.Content,
            ReasoningContent = job.Display == ReasoningDisplay.ReasoningContent ? choice.Reasoning : null,
        },
        Logprobs = job.TopLogprobs is null ? null : LogprobMapper.ToChat(choice.Logprobs, job.Model.Tokenizer),
        FinishReason = choice.FinishReason,
    };
}
