using System.Text.RegularExpressions;
using ReasoningServer.Errors;

namespace ReasoningServer.Serving.Responses;

/// <summary>
/// A Responses request is validated as the chat completion it becomes; its errors must still name the Responses
/// API's fields (<c>max_output_tokens</c>, <c>text.format</c>, <c>tools[0].parameters</c>, <c>input</c>), not chat's.
/// </summary>
internal static partial class ChatParamTranslation
{
    private static readonly (Regex Chat, string Responses)[] Names =
    [
        (ChatName("max_completion_tokens"), "max_output_tokens"),
        (ChatName("reasoning_effort"), "reasoning.effort"),
        (ChatName("response_format.json_schema.schema"), "text.format.schema"),
        (ChatName("response_format.json_schema.name"), "text.format.name"),
        (ChatName("response_format.json_schema"), "text.format"),
        (ChatName("response_format.type"), "text.format.type"),
        (ChatName("response_format"), "text.format"),
        (ChatName("tool_choice.function.name"), "tool_choice.name"),
        (ChatName("tool_choice.allowed_tools"), "tool_choice"),
        (ChatName("logprobs"), "top_logprobs"),
    ];

    public static OpenAIException ToResponses(OpenAIException error)
    {
        var param = Translate(error.Param);
        var message = Translate(error.Message)!;
        return param == error.Param && message == error.Message
            ? error
            : new OpenAIException(error.Status, error.Type, message, param, error.Code) { RetryAfterSeconds = error.RetryAfterSeconds };
    }

    private static string? Translate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var (chat, responses) in Names)
        {
            text = chat.Replace(text, responses);
        }

        // tools[i].function.X → tools[i].X; messages[i]… → input (instructions and earlier turns make the indexes differ).
        text = FunctionField().Replace(text, "$1.");
        return Messages().Replace(text, "input");
    }

    private static Regex ChatName(string name) => new($@"(?<![\w.]){Regex.Escape(name)}(?![\w])", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"(tools\[\d+\])\.function\.")]
    private static partial Regex FunctionField();

    [GeneratedRegex(@"(?<![\w.])messages(\[\d+\][\w.\[\]]*)?")]
    private static partial Regex Messages();
}
