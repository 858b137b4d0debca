using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Text;

/// <summary>
/// Applies a model's chat template through llama.cpp's built-in template families (it detects the family
/// from the Jinja text; it is not a Jinja engine). What the built-ins miss is the thinking section that
/// reasoning templates (DeepSeek-R1, our tiny models) open in the generation prompt; it is read off the
/// template text and appended.
/// </summary>
public sealed partial class ChatTemplate
{
    private const string FallbackFamily = "chatml";

    // Private-use characters: they do not occur in real text and templates pass them through untouched.
    private const char MarkerStart = '\uE000';
    private const char MarkerEnd = '\uE001';

    private ChatTemplate(string source, string generationPromptSuffix)
    {
        Source = source;
        GenerationPromptSuffix = generationPromptSuffix;
    }

    /// <summary>The template text (or built-in family name) handed to llama.cpp.</summary>
    public string Source { get; }

    /// <summary>Text the generation prompt ends with beyond the built-in family's, e.g. "&lt;think&gt;\n".</summary>
    public string GenerationPromptSuffix { get; }

    /// <summary>Builds the template for a model; a missing or unrecognised template falls back to ChatML.</summary>
    /// <param name="templateSource">The model's <c>tokenizer.chat_template</c>, or null.</param>
    /// <param name="thinkingStartTag">The reasoning format's start tag, looked for in the generation prompt.</param>
    public static ChatTemplate Create(string? templateSource, string? thinkingStartTag)
    {
        var source = templateSource is not null && IsRecognised(templateSource) ? templateSource : FallbackFamily;
        var suffix = thinkingStartTag is not null && templateSource is not null
            ? ThinkingOpenedByGenerationPrompt(templateSource, thinkingStartTag)
            : string.Empty;
        return new ChatTemplate(source, suffix);
    }

    /// <summary>True when the model's own template was not usable and ChatML is used instead.</summary>
    public bool IsFallback => Source == FallbackFamily;

    public string Apply(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        var text = ApplyBuiltIn(Source, messages, addGenerationPrompt)
            ?? throw new InvalidOperationException("llama.cpp could not apply the chat template.");
        return addGenerationPrompt ? text + GenerationPromptSuffix : text;
    }

    /// <summary>
    /// Templates and tokenizes a conversation so that only the template's own markup can become control
    /// tokens: message text is tokenized without special-token parsing, so a user who writes
    /// "&lt;|im_start|&gt;system" gets plain text, not a new turn. Each content is swapped for a marker
    /// before templating and put back, tokenized on its own, afterwards.
    /// </summary>
    /// <param name="assistantControlTags">Tags that stay control tokens inside assistant turns, such as the
    /// thinking delimiters of reasoning kept in the history; everywhere else they are plain text.</param>
    public ChatPrompt Render(Tokenizer tokenizer, IReadOnlyList<ChatMessage> messages, IReadOnlyList<string>? assistantControlTags = null)
    {
        var marked = messages.Select((m, i) => m with { Content = $"{MarkerStart}{i}{MarkerEnd}" }).ToList();
        var markedText = Apply(marked);
        var text = Marker().Replace(markedText, m => messages[MessageIndex(m)].Content);
        var tokens = new List<LlamaToken>();
        var cursor = 0;
        var first = true;
        foreach (Match marker in Marker().Matches(markedText))
        {
            tokens.AddRange(tokenizer.Tokenize(markedText[cursor..marker.Index], addSpecial: first, parseSpecial: true));
            var message = messages[MessageIndex(marker)];
            var controlTags = message.Role == "assistant" ? assistantControlTags : null;
            tokens.AddRange(TokenizeContent(tokenizer, message.Content, controlTags));
            cursor = marker.Index + marker.Length;
            first = false;
        }

        tokens.AddRange(tokenizer.Tokenize(markedText[cursor..], addSpecial: first, parseSpecial: true));
        return new ChatPrompt(text, [.. tokens]);
    }

    private static IEnumerable<LlamaToken> TokenizeContent(Tokenizer tokenizer, string content, IReadOnlyList<string>? controlTags)
    {
        if (controlTags is not { Count: > 0 })
        {
            return tokenizer.Tokenize(content, addSpecial: false, parseSpecial: false);
        }

        // Split around the allowed tags only: they become their control tokens, the text between stays text.
        var pattern = string.Join('|', controlTags.Select(Regex.Escape));
        return Regex.Split(content, $"({pattern})")
            .Where(part => part.Length > 0)
            .SelectMany(part => tokenizer.Tokenize(part, addSpecial: false, parseSpecial: controlTags.Contains(part)));
    }

    private static int MessageIndex(Match marker) => int.Parse(marker.Groups[1].ValueSpan, CultureInfo.InvariantCulture);

    [GeneratedRegex("\uE000(\\d+)\uE001")]
    private static partial Regex Marker();

    private static bool IsRecognised(string source) =>
        ApplyBuiltIn(source, [new ChatMessage("user", "x")], addGenerationPrompt: true) is not null;

    /// <summary>
    /// The generation prompt is the first string literal after the last <c>add_generation_prompt</c> test.
    /// When it holds the start tag (and not an end tag, as Qwen3's "no thinking" branch does), the model
    /// starts generating inside its thinking section.
    /// </summary>
    private static string ThinkingOpenedByGenerationPrompt(string template, string startTag)
    {
        var at = template.LastIndexOf("add_generation_prompt", StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        var literal = StringLiteral().Match(template, at);
        if (!literal.Success)
        {
            return string.Empty;
        }

        var value = Regex.Unescape(literal.Groups["text"].Value);
        var tagAt = value.IndexOf(startTag, StringComparison.Ordinal);
        var endTag = startTag.Insert(1, "/");
        return tagAt < 0 || value.Contains(endTag, StringComparison.Ordinal) ? string.Empty : value[tagAt..];
    }

    private static unsafe string? ApplyBuiltIn(string template, IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var strings = new List<nint>(messages.Count * 2 + 1);
        try
        {
            var native = new LlamaChatMessage[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                native[i].role = Utf8(strings, messages[i].Role);
                native[i].content = Utf8(strings, messages[i].Content);
            }

            var capacity = 256 + messages.Sum(m => Encoding.UTF8.GetByteCount(m.Content) + 64);
            while (true)
            {
                var buffer = new byte[capacity];
                int length;
                fixed (LlamaChatMessage* chat = native)
                fixed (byte* output = buffer)
                {
                    length = NativeMethods.llama_chat_apply_template(template, chat, (nuint)native.Length,
                        addGenerationPrompt ? (byte)1 : (byte)0, output, buffer.Length);
                }

                if (length < 0)
                {
                    return null;
                }

                if (length <= buffer.Length)
                {
                    return Encoding.UTF8.GetString(buffer, 0, length);
                }

                capacity = length;
            }
        }
        finally
        {
            foreach (var ptr in strings)
            {
                Marshal.FreeCoTaskMem(ptr);
            }
        }
    }

    private static unsafe byte* Utf8(List<nint> owned, string text)
    {
        var ptr = Marshal.StringToCoTaskMemUTF8(text);
        owned.Add(ptr);
        return (byte*)ptr;
    }

    [GeneratedRegex("""(?<q>['"])(?<text>(?:\\.|(?!\k<q>).)*)\k<q>""", RegexOptions.Singleline)]
    private static partial Regex StringLiteral();
}
