using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Text;
using ReasoningServer.Reasoning.Formats;

namespace ReasoningServer.Serving;

/// <summary>Everything the request side needs about the loaded model: its id, how to template and split, and its engine.</summary>
internal sealed record ServedModel(
    string Id,
    DateTimeOffset LoadedAt,
    InferenceEngine Engine,
    ChatTemplate Template,
    ReasoningFormat? ReasoningFormat)
{
    public Tokenizer Tokenizer => Engine.Model.Tokenizer;

    public int ContextSize => Engine.ContextSize;
}
