using ReasoningServer.Engine.Training;

namespace ReasoningServer.Engine.Tests.Training;

/// <summary>The texts the shipped model was trained on; the server and the evaluation rely on them exactly.</summary>
public sealed class AdditionChainOfThoughtTests
{
    [Fact]
    public void Thinking_works_right_to_left_with_fixed_width_lines_that_carry_the_answer_so_far()
    {
        var problem = new AdditionProblem(48213, 9377);
        const string thinking = "3+7+0=10 0________\n1+7+1=09 90_______\n2+3+0=05 590______\n8+9+0=17 7590_____\n4+0+1=05 57590____\n";

        Assert.Equal("What is 48213 + 9377?", AdditionChainOfThought.Question(problem));
        Assert.Equal(thinking, AdditionChainOfThought.Thinking(problem));
        Assert.All(thinking.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Equal(18, line.Length));
        Assert.Equal(thinking + "</think>\n\n57590<|im_end|>", AdditionChainOfThought.ThinkingCompletion(problem));
        Assert.Equal("</think>\n\n57590<|im_end|>", AdditionChainOfThought.DirectCompletion(problem));
    }

    [Fact]
    public void A_final_carry_gets_its_own_line_so_the_last_field_is_the_answer()
    {
        var problem = new AdditionProblem(95, 7);

        Assert.Equal("5+7+0=12 2________\n9+0+1=10 02_______\n0+0+1=01 102______\n", AdditionChainOfThought.Thinking(problem));
        Assert.Equal("102", AdditionChainOfThought.Answer(problem));
    }

    [Fact]
    public void Held_out_problems_are_fixed_and_never_drawn_for_training()
    {
        var first = AdditionProblemGenerator.HeldOut(5, 3);
        Assert.Equal(first, AdditionProblemGenerator.HeldOut(5, 3));
        Assert.All(first, p => Assert.Equal(5, p.DigitCount));

        var excluded = AdditionProblemGenerator.AllHeldOut();
        var generator = new AdditionProblemGenerator(1);
        for (var i = 0; i < 20_000; i++)
        {
            Assert.DoesNotContain(generator.NextTrainingProblem(excluded), excluded);
        }
    }

    [Theory]
    [InlineData("57590", 57590L)]
    [InlineData("The sum is 12, not 7.", 7L)]
    [InlineData("no digits", null)]
    public void The_answer_is_the_last_number(string text, long? expected) =>
        Assert.Equal(expected, AdditionEvaluator.LastNumber(text));
}
