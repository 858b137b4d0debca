using System.Text;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Protocol;

namespace ReasoningServer.Serving;

/// <summary>Collects one choice's events into a whole message.</summary>
internal sealed class ChoiceAccumulator
{
    private readonly StringBuilder _content = new();
    private readonly StringBuilder _reasoning = new();
    private readonly List<TokenLogprob> _logprobs = [];
    private string _finishReason = "stop";
    private bool _hasLogprobs;

    public void Add(ChoiceEvent item)
    {
        _content.Append(item.Content);
        _reasoning.Append(item.Reasoning);
        if (item.Logprobs is { } logprobs)
        {
            _hasLogprobs = true;
            _logprobs.AddRange(logprobs);
        }

        _finishReason = item.FinishReason ?? _finishReason;
    }

    public ChatChoiceDto ToChoice(int index, CompletionJob job) => new()
    {
        Index = index,
        Message = new ChatResponseMessageDto
        {
            Content = _content.ToString(),
            ReasoningContent = job.Display == ReasoningDisplay.ReasoningContent ? _reasoning.ToString() : null,
        },
        Logprobs = _hasLogprobs || job.TopLogprobs is not null ? LogprobMapper.ToChat(_logprobs, job.Model.Tokenizer) : null,
        FinishReason = _finishReason,
    };
}
