using System.Text;
using ReasoningServer.Engine.Sampling;

namespace ReasoningServer.Serving;

/// <summary>One choice's events collected into its whole text, for a response that is not streamed.</summary>
internal sealed class ChoiceAccumulator
{
    private readonly StringBuilder _content = new();
    private readonly StringBuilder _reasoning = new();
    private readonly List<TokenLogprob> _logprobs = [];
    private readonly List<(string Id, string Name, StringBuilder Arguments)> _toolCalls = [];

    public string Content => _content.ToString();

    public string Reasoning => _reasoning.ToString();

    /// <summary>Logprobs of the visible tokens, in order; empty when the request did not ask.</summary>
    public IReadOnlyList<TokenLogprob> Logprobs => _logprobs;

    public string FinishReason { get; private set; } = "stop";

    /// <summary>The calls the model made, whole, in order.</summary>
    public IEnumerable<(string Id, string Name, string Arguments)> ToolCalls => _toolCalls.Select(c => (c.Id, c.Name, c.Arguments.ToString()));

    public bool HasToolCalls => _toolCalls.Count > 0;

    public void Add(ChoiceEvent item)
    {
        _content.Append(item.Content);
        _reasoning.Append(item.Reasoning);
        _logprobs.AddRange(item.Logprobs ?? []);
        FinishReason = item.FinishReason ?? FinishReason;
        foreach (var fragment in item.ToolCalls ?? [])
        {
            if (fragment.Index == _toolCalls.Count)
            {
                _toolCalls.Add((fragment.Id!, fragment.Name!, new StringBuilder()));
            }

            _toolCalls[fragment.Index].Arguments.Append(fragment.ArgumentsPiece);
        }
    }
}
