using ReasoningServer.Engine.Text;
using ReasoningServer.Engine.Text.Jinja;
using ReasoningServer.Errors;

namespace ReasoningServer.Serving;

/// <summary>
/// Templates a conversation for the served model and makes it fit the context budget: closes the thinking
/// section when thinking is disabled, and with truncation drops the oldest turns until one output token fits.
/// </summary>
internal static class ChatPromptAssembler
{
    /// <returns>The prompt, and how many messages truncation dropped.</returns>
    public static (ChatPrompt Prompt, int DroppedMessages) Assemble(
        ServedModel model, IReadOnlyList<TemplateMessage> messages, IReadOnlyDictionary<string, JinjaValue> variables, bool closeThinking, bool truncate)
    {
        var prompt = Render(model, messages, variables, closeThinking);
        if (Fits(model, prompt) || !truncate)
        {
            return (prompt, 0);
        }

        // Dropping more turns never makes the prompt longer, so the fewest drops that fit are found by bisection.
        var droppable = messages.Count(m => m.Role != "system") - 1; // the last turn is what is being answered
        int low = 1, high = droppable;
        (ChatPrompt Prompt, int Dropped)? best = null;
        while (low <= high)
        {
            var drops = low + ((high - low) / 2);
            var kept = DropOldest(messages, drops);
            var candidate = Render(model, kept, variables, closeThinking);
            if (Fits(model, candidate))
            {
                best = (candidate, messages.Count - kept.Count);
                high = drops - 1;
            }
            else
            {
                low = drops + 1;
            }
        }

        return best is { } fit ? fit : throw OpenAIException.ContextLengthExceeded(model.ContextSize, prompt.Tokens.Length);
    }

    private static bool Fits(ServedModel model, ChatPrompt prompt) => prompt.Tokens.Length + 1 <= model.ContextSize;

    /// <summary>Removes the oldest <paramref name="drops"/> non-system messages, then any assistant or tool
    /// turns left at the front, so the kept conversation still starts with a user turn.</summary>
    private static List<TemplateMessage> DropOldest(IReadOnlyList<TemplateMessage> messages, int drops)
    {
        var kept = new List<TemplateMessage>(messages.Count);
        var dropping = true;
        foreach (var message in messages)
        {
            if (message.Role == "system")
            {
                kept.Add(message);
            }
            else if (dropping && (drops-- > 0 || message.Role != "user"))
            {
                continue;
            }
            else
            {
                dropping = false;
                kept.Add(message);
            }
        }

        // The turn being answered is never dropped, whatever the bisection asked for.
        return kept.Count > 0 && kept[^1] == messages[^1] ? kept : [.. kept, messages[^1]];
    }

    private static ChatPrompt Render(ServedModel model, IReadOnlyList<TemplateMessage> messages, IReadOnlyDictionary<string, JinjaValue> variables, bool closeThinking)
    {
        var format = model.ReasoningFormat;
        var tags = format is null ? null : new[] { format.StartTag, format.EndTag };
        ChatPrompt prompt;
        try
        {
            prompt = model.Template.Render(model.Tokenizer, messages, variables, tags);
        }
        catch (JinjaRaisedException e)
        {
            // The template's own check of the conversation (e.g. roles that must alternate): the client's to fix.
            throw OpenAIException.InvalidRequest($"The model's chat template refused the conversation: {e.Message}", "messages", "invalid_value");
        }
        catch (JinjaException e)
        {
            throw OpenAIException.InvalidRequest($"The model's chat template could not render the conversation: {e.Message}", "messages", "template_error");
        }

        if (!closeThinking || format is null || prompt.Text.AsSpan().TrimEnd().EndsWith(format.EndTag, StringComparison.Ordinal))
        {
            return prompt; // nothing to close, or the template closed it itself (Qwen3's enable_thinking=false)
        }

        // Thinking disabled: close the section the template opened, or open and close an empty one, so the model
        // starts with its answer.
        var close = model.OpensThinking(prompt.Text) ? $"{format.EndTag}\n\n" : $"{format.StartTag}\n\n{format.EndTag}\n\n";
        return new ChatPrompt(prompt.Text + close, [.. prompt.Tokens, .. model.Tokenizer.Tokenize(close, addSpecial: false, parseSpecial: true)]);
    }
}
