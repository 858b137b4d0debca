using ReasoningServer.Engine.Text;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Training;

/// <summary>
/// Turns sums into token sequences exactly as the server will see them: the prompt is rendered by the
/// model's own <see cref="ChatTemplate"/> (generation prompt included, ending in <c>&lt;think&gt;\n</c>) and the
/// completion follows. Labels are the next tokens, with one change for direct answers (below).
/// </summary>
public sealed class TrainingExampleBuilder(Tokenizer tokenizer, ChatTemplate template)
{
    private readonly LlamaToken _padding = new(ByteLevelBpeVocabulary.EndOfTextId);

    /// <summary>The templated prompt for <paramref name="problem"/>, ending in <c>&lt;think&gt;\n</c>.</summary>
    public LlamaToken[] Prompt(AdditionProblem problem) =>
        template.Render(tokenizer, [new ChatMessage("user", AdditionChainOfThought.Question(problem))]).Tokens;

    public TrainingExample Build(AdditionProblem problem, bool direct)
    {
        var prompt = Prompt(problem);
        var thinking = tokenizer.Tokenize(AdditionChainOfThought.ThinkingCompletion(problem), addSpecial: false, parseSpecial: true);
        var completion = direct
            ? tokenizer.Tokenize(AdditionChainOfThought.DirectCompletion(problem), addSpecial: false, parseSpecial: true)
            : thinking;
        LlamaToken[] tokens = [.. prompt, .. completion];
        var labels = new LlamaToken[tokens.Length];
        tokens.AsSpan(1).CopyTo(labels);
        labels[^1] = _padding;

        // The loss cannot be masked, so a direct example would teach "close the thinking at once" a quarter of the
        // time, and sampled answers would often skip thinking. Its prompt position is instead labelled with the
        // first thinking token: closing stays something only the request (reasoning_effort: none) does.
        if (direct)
        {
            labels[prompt.Length - 1] = thinking[0];
        }

        return new TrainingExample(tokens, labels);
    }
}
