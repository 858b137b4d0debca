using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Engine.Text;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Engine.Training;

namespace ReasoningServer.Engine.Tests.Training;

/// <summary>Training sequences must start with exactly the prompt the server renders for the question.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class TrainingExampleBuilderTests(TinyModelFixture fixture)
{
    private readonly ChatTemplate _template = ChatTemplate.Create(fixture.Model.ChatTemplateSource, ByteLevelBpeVocabulary.ThinkStart);

    [Fact]
    public void Examples_are_the_server_prompt_then_the_completion_with_next_token_labels()
    {
        var builder = new TrainingExampleBuilder(fixture.Model.Tokenizer, _template);
        var problem = new AdditionProblem(48213, 9377);
        var prompt = _template.Render(fixture.Model.Tokenizer, [new ChatMessage("user", "What is 48213 + 9377?")]);

        var example = builder.Build(problem, direct: false);

        Assert.Equal("<|im_start|>user\nWhat is 48213 + 9377?<|im_end|>\n<|im_start|>assistant\n<think>\n", prompt.Text);
        Assert.Equal(prompt.Tokens, example.Tokens[..prompt.Tokens.Length]);
        Assert.Equal(example.Tokens[1..], example.Labels[..^1]);
        Assert.Equal(ByteLevelBpeVocabulary.ImEndId, example.Tokens[^1].Value);
        Assert.Equal(ByteLevelBpeVocabulary.EndOfTextId, example.Labels[^1].Value);
    }

    [Fact]
    public void Direct_examples_never_teach_closing_the_thinking_unprompted()
    {
        var builder = new TrainingExampleBuilder(fixture.Model.Tokenizer, _template);
        var problem = new AdditionProblem(48213, 9377);
        var promptLength = builder.Prompt(problem).Length;

        var direct = builder.Build(problem, direct: true);

        Assert.Equal(ByteLevelBpeVocabulary.ThinkEndId, direct.Tokens[promptLength].Value);
        Assert.Equal('3', direct.Labels[promptLength - 1].Value);
        Assert.Equal(direct.Tokens[(promptLength + 1)..], direct.Labels[promptLength..^1]);
    }
}
