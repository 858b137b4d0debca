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
            // As OpenAI: a message that only calls tools has no content.
            Content = choice.HasToolCalls && choice.Content.Trim().Length == 0 ? null : choice.Content,
            ReasoningContent = job.Display == ReasoningDisplay.ReasoningContent ? choice.Reasoning : null,
            ToolCalls = choice.HasToolCalls
                ? [.. choice.ToolCalls.Select(c => new ToolCallDto { Id = c.Id, Type = "function", Function = new FunctionCallDto { Name = c.Name, Arguments = c.Arguments } })]
                : null,
        },
        Logprobs = job.TopLogprobs is null ? null : LogprobMapper.ToChat(choice.Logprobs, job.Model.Tokenizer),
        FinishReason = choice.FinishReason,
    };
}
