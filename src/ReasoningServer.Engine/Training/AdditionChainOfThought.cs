using System.Globalization;
using System.Text;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Engine.Training;

/// <summary>
/// The exact texts the tiny reasoner is trained on, which the server and the evaluation rely on.
/// <list type="bullet">
/// <item>Question (the user message): <c>What is 48213 + 9377?</c></item>
/// <item>Thinking completion (after the template's <c>&lt;think&gt;\n</c>): one line per digit, right to left,
/// <c>a+b+carry=ss</c> with a two-digit sum and the answer so far, then <c>&lt;/think&gt;\n\n</c>, the sum,
/// <c>&lt;|im_end|&gt;</c>.</item>
/// <item>Direct completion (what <c>reasoning_effort: none</c> continues after <c>&lt;think&gt;\n&lt;/think&gt;\n\n</c>):
/// <c>&lt;/think&gt;\n\n</c>, the sum, <c>&lt;|im_end|&gt;</c>.</item>
/// </list>
/// For 48213 + 9377 the thinking is
/// <code>
/// 3+7+0=10 0________
/// 1+7+1=09 90_______
/// 2+3+0=05 590______
/// 8+9+0=17 7590_____
/// 4+0+1=05 57590____
/// </code>
/// and the answer 57590. Why this shape: every line has the same width (19 tokens with its newline), so the
/// carry and the digits of the line above sit at fixed distances, and the k-th digit from the right of each
/// operand is 20 tokens further back on every line, which attention with rotary positions learns. The field
/// after the space is the answer so far, left-aligned in <see cref="FieldWidth"/> places: the new units digit,
/// then the previous line's field shifted one place right, so every character is a copy from a fixed distance.
/// The final answer is the last field without its padding, again a copy from a fixed distance. (Measured: with
/// the answer left to be read off the lines' last digits bottom up, a distance that grows with every digit, the
/// model wrote every line right and still got the answer wrong from the third digit on.) A final carry gets a line
/// of its own (<c>0+0+1=01</c>). Each line is one constant-depth step: what lets a small transformer carry through
/// eight digits when it writes the chain, and not when it answers at once.
/// </summary>
public static class AdditionChainOfThought
{
    /// <summary>Appended to the prompt after the template's <c>&lt;think&gt;\n</c> to answer without thinking.</summary>
    public const string DirectAnswerPrefix = ByteLevelBpeVocabulary.ThinkEnd + "\n\n";

    public static string Question(AdditionProblem problem) =>
        string.Create(CultureInfo.InvariantCulture, $"What is {problem.Left} + {problem.Right}?");

    /// <summary>Places of the answer-so-far field: the longest sum of two <see cref="AdditionProblemGenerator.MaxDigits"/>-digit numbers.</summary>
    public const int FieldWidth = AdditionProblemGenerator.MaxDigits + 1;

    /// <summary>Fills the answer-so-far field after its digits.</summary>
    public const char Padding = '_';

    /// <summary>The chain of thought, each line ending in a newline.</summary>
    public static string Thinking(AdditionProblem problem)
    {
        var left = Digits(problem.Left);
        var right = Digits(problem.Right);
        var text = new StringBuilder();
        var answer = string.Empty;
        var carry = 0;
        for (var place = 0; place < Math.Max(left.Length, right.Length) || carry > 0; place++)
        {
            var a = DigitAt(left, place);
            var b = DigitAt(right, place);
            var sum = a + b + carry;
            answer = (char)('0' + (sum % 10)) + answer;
            text.Append(CultureInfo.InvariantCulture, $"{a}+{b}+{carry}={sum:00} {answer.PadRight(FieldWidth, Padding)}\n");
            carry = sum / 10;
        }

        return text.ToString();
    }

    public static string Answer(AdditionProblem problem) => problem.Sum.ToString(CultureInfo.InvariantCulture);

    /// <summary>Everything the model writes after the prompt when it thinks.</summary>
    public static string ThinkingCompletion(AdditionProblem problem) =>
        Thinking(problem) + DirectAnswerPrefix + Answer(problem) + ByteLevelBpeVocabulary.ImEnd;

    /// <summary>Everything after the prompt when the thinking section is closed at once.</summary>
    public static string DirectCompletion(AdditionProblem problem) =>
        DirectAnswerPrefix + Answer(problem) + ByteLevelBpeVocabulary.ImEnd;

    private static string Digits(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Place 0 is the units digit; places beyond the number read as 0.
    private static int DigitAt(string digits, int place) => place < digits.Length ? digits[digits.Length - 1 - place] - '0' : 0;
}
