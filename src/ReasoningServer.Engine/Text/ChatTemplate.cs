using System.Globalization;
using System.Text.RegularExpressions;
using ReasoningServer.Engine.Text.Jinja;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Text;

/// <summary>
/// A model's chat template. Normally its own Jinja template (<c>tokenizer.chat_template</c>, or an override),
/// rendered by our interpreter with the variables Hugging Face passes; llama.cpp's built-in families only when
/// there is no template or ours cannot parse it. Either way only the template's own markup becomes control
/// tokens: message text is data (see <see cref="ProvenanceTokenizer"/>).
/// </summary>
public sealed partial class ChatTemplate
{
    // Private-use characters: they do not occur in real text and built-in templates pass them through untouched.
    private const char MarkerStart = '\uE000';
    private const char MarkerEnd = '\uE001';

    // A call the probe renders to see whether the template prints arguments given as an object.
    private const string ProbeNeedle = "probe_7f3c";

    private readonly JinjaTemplate? _jinja;
    private bool? _prefersObjectArguments;

    private ChatTemplate(string source, JinjaTemplate? jinja, string generationPromptSuffix, string? fallbackReason)
    {
        Source = source;
        _jinja = jinja;
        GenerationPromptSuffix = generationPromptSuffix;
        FallbackReason = fallbackReason;
    }

    /// <summary>The Jinja text rendered, or the template text / family name handed to llama.cpp.</summary>
    public string Source { get; }

    /// <summary>True when the template is rendered by llama.cpp's built-in families instead of as Jinja.</summary>
    public bool IsFallback => _jinja is null;

    /// <summary>Why the built-in families are used (no template, or a parse error); null for a Jinja template.</summary>
    public string? FallbackReason { get; }

    /// <summary>Built-in families only: what the generation prompt ends with beyond the family's, e.g. "&lt;think&gt;\n".</summary>
    public string GenerationPromptSuffix { get; }

    /// <summary>Builds the template; <paramref name="templateSource"/> null or not parseable falls back to llama.cpp's families.</summary>
    /// <param name="thinkingStartTag">The reasoning format's start tag, looked for in a built-in family's generation prompt.</param>
    public static ChatTemplate Create(string? templateSource, string? thinkingStartTag)
    {
        if (string.IsNullOrWhiteSpace(templateSource))
        {
            return new ChatTemplate(BuiltInChatTemplate.ChatMl, null, string.Empty, "the model has no chat template");
        }

        try
        {
            return new ChatTemplate(templateSource, JinjaTemplate.Parse(templateSource), string.Empty, null);
        }
        catch (JinjaParseException e)
        {
            var source = BuiltInChatTemplate.IsRecognised(templateSource) ? templateSource : BuiltInChatTemplate.ChatMl;
            var suffix = thinkingStartTag is null ? string.Empty : ThinkingOpenedByGenerationPrompt(templateSource, thinkingStartTag);
            return new ChatTemplate(source, null, suffix, $"the chat template does not parse ({e.Message})");
        }
    }

    /// <summary>Whether the template's text refers to <paramref name="name"/> (e.g. <c>enable_thinking</c>, <c>tools</c>).</summary>
    public bool Mentions(string name) => Source.Contains(name, StringComparison.Ordinal);

    /// <summary>
    /// Whether tool-call arguments must reach the template as an object: it encodes them itself (<c>| tojson</c>, Llama
    /// 3.1's), so the client's JSON text would come out quoted. Templates that print a string as it is (DeepSeek's
    /// concatenation, Qwen3's <c>is string</c> branch) get the client's text verbatim, as llama.cpp passes it. Found
    /// once by rendering a probe call with string arguments.
    /// </summary>
    public bool PrefersObjectArguments => _prefersObjectArguments ??= !RendersStringArgumentsVerbatim();

    /// <summary>Templates and tokenizes plain text turns.</summary>
    public ChatPrompt Render(Tokenizer tokenizer, IReadOnlyList<ChatMessage> messages) =>
        Render(tokenizer, [.. messages.Select(m => TemplateMessage.Text(m.Role, m.Content))]);

    /// <summary>Templates and tokenizes a conversation.</summary>
    /// <param name="variables">Template variables beside <c>messages</c> and <c>add_generation_prompt</c>: <c>tools</c>,
    /// <c>bos_token</c>, the request's <c>chat_template_kwargs</c>.</param>
    /// <param name="assistantControlTags">Built-in families only: tags that stay control tokens inside assistant turns
    /// (the thinking delimiters of reasoning kept in the history). A Jinja template gets such tags as trusted text instead.</param>
    /// <exception cref="JinjaException">The template raised an error or failed on this conversation.</exception>
    public ChatPrompt Render(Tokenizer tokenizer, IReadOnlyList<TemplateMessage> messages,
        IReadOnlyDictionary<string, JinjaValue>? variables = null, IReadOnlyList<string>? assistantControlTags = null)
    {
        if (_jinja is null)
        {
            return RenderBuiltIn(tokenizer, messages, assistantControlTags);
        }

        var rendered = RenderJinja(messages, variables);
        var tokens = tokenizer.Templated.Tokenize(rendered.Runs.Select(r => (r.Text, r.FromData)), addBeginningOfSequence: true);
        return new ChatPrompt(rendered.ToString(), tokens);
    }

    /// <summary>The text alone (for inspection and tests).</summary>
    public string Apply(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        if (_jinja is not null)
        {
            var turns = messages.Select(m => TemplateMessage.Text(m.Role, m.Content)).ToList();
            return RenderJinja(turns, null, addGenerationPrompt).ToString();
        }

        var text = BuiltInChatTemplate.Apply(Source, messages, addGenerationPrompt)
            ?? throw new InvalidOperationException("llama.cpp could not apply the chat template.");
        return addGenerationPrompt ? text + GenerationPromptSuffix : text;
    }

    private RenderedText RenderJinja(IReadOnlyList<TemplateMessage> messages, IReadOnlyDictionary<string, JinjaValue>? variables, bool addGenerationPrompt = true)
    {
        var all = new Dictionary<string, JinjaValue>(StringComparer.Ordinal);
        foreach (var (name, value) in variables ?? new Dictionary<string, JinjaValue>())
        {
            all[name] = value;
        }

        all["messages"] = JinjaValue.List(messages.Select(m => m.Value));
        all["add_generation_prompt"] = JinjaValue.From(addGenerationPrompt);
        return _jinja!.Render(all);
    }

    private bool RendersStringArgumentsVerbatim()
    {
        if (_jinja is null)
        {
            return true;
        }

        var arguments = $"{{\"probe_arg\": \"{ProbeNeedle}\"}}";
        var call = JinjaValue.Dict([
            new("id", JinjaValue.Data("call_probe")),
            new("type", JinjaValue.String("function")),
            new("function", JinjaValue.Dict([new("name", JinjaValue.Data("probe_fn")), new("arguments", JinjaValue.Data(arguments))])),
        ]);
        var assistant = JinjaValue.Dict([
            new("role", JinjaValue.String("assistant")), new("content", JinjaValue.None), new("tool_calls", JinjaValue.List([call])),
        ]);
        var tool = JinjaValue.Dict([
            new("role", JinjaValue.String("tool")), new("tool_call_id", JinjaValue.Data("call_probe")), new("content", JinjaValue.Data("ok")),
        ]);
        try
        {
            var text = RenderJinja([TemplateMessage.Text("user", "probe"), new("assistant", assistant, string.Empty), new("tool", tool, "ok")], null).ToString();
            return text.Contains(arguments, StringComparison.Ordinal);
        }
        catch (JinjaException)
        {
            return false;
        }
    }

    /// <summary>
    /// llama.cpp's families get each content swapped for a marker, templated, and put back tokenized on its own
    /// without special-token parsing, so that only the family's markup can become control tokens.
    /// </summary>
    private ChatPrompt RenderBuiltIn(Tokenizer tokenizer, IReadOnlyList<TemplateMessage> messages, IReadOnlyList<string>? assistantControlTags)
    {
        var marked = messages.Select((m, i) => new ChatMessage(m.Role, $"{MarkerStart}{i}{MarkerEnd}")).ToList();
        var markedText = Apply(marked);
        var text = Marker().Replace(markedText, m => messages[MessageIndex(m)].FlatContent);
        var tokens = new List<LlamaToken>();
        var cursor = 0;
        var first = true;
        foreach (Match marker in Marker().Matches(markedText))
        {
            tokens.AddRange(tokenizer.Tokenize(markedText[cursor..marker.Index], addSpecial: first, parseSpecial: true));
            var message = messages[MessageIndex(marker)];
            var controlTags = message.Role == "assistant" ? assistantControlTags : null;
            tokens.AddRange(TokenizeContent(tokenizer, message.FlatContent, controlTags));
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
            return tokenizer.Templated.Tokenize([(content, true)], addBeginningOfSequence: false);
        }

        // Split around the allowed tags only: they become their control tokens, the text between stays text.
        var pattern = string.Join('|', controlTags.Select(Regex.Escape));
        var parts = Regex.Split(content, $"({pattern})").Where(part => part.Length > 0);
        return tokenizer.Templated.Tokenize(parts.Select(part => (part, !controlTags.Contains(part))), addBeginningOfSequence: false);
    }

    private static int MessageIndex(Match marker) => int.Parse(marker.Groups[1].ValueSpan, CultureInfo.InvariantCulture);

    [GeneratedRegex("\uE000(\\d+)\uE001")]
    private static partial Regex Marker();

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

    [GeneratedRegex("""(?<q>['"])(?<text>(?:\\.|(?!\k<q>).)*)\k<q>""", RegexOptions.Singleline)]
    private static partial Regex StringLiteral();
}
