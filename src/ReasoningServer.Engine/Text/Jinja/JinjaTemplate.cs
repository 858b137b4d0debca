namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// A Hugging Face chat template (<c>tokenizer.chat_template</c>), parsed once and rendered many times, from any
/// number of threads. It renders as @huggingface/jinja does: <c>trim_blocks</c> and <c>lstrip_blocks</c> on,
/// <c>{% generation %}</c> accepted, no autoescaping. The output records which characters came from host data.
/// </summary>
public sealed class JinjaTemplate
{
    private readonly SourceMap _map;
    private readonly IReadOnlyList<Statement> _body;

    private JinjaTemplate(SourceMap map, IReadOnlyList<Statement> body)
    {
        _map = map;
        _body = body;
    }

    /// <exception cref="JinjaParseException">The text is not a valid template; the message starts with line:column.</exception>
    public static JinjaTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var map = TemplatePreprocessor.Process(source);
        return new JinjaTemplate(map, Parser.Parse(map));
    }

    /// <summary>Renders with the given variables (<c>messages</c>, <c>tools</c>, <c>add_generation_prompt</c>, ...).</summary>
    /// <exception cref="JinjaRenderException">The template failed or hit a limit of <paramref name="options"/>.</exception>
    /// <exception cref="JinjaRaisedException">The template called <c>raise_exception</c>.</exception>
    public RenderedText Render(IReadOnlyDictionary<string, JinjaValue> variables, JinjaRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        options ??= new JinjaRenderOptions();
        var scope = new Scope(Globals.Create());
        foreach (var (name, value) in variables)
        {
            scope.Set(name, value ?? throw new ArgumentException($"Variable '{name}' is null; use JinjaValue.None.", nameof(variables)));
        }

        var budget = new RenderBudget(options.MaxOutputChars, options.MaxSteps, options.MaxDepth);
        var clock = options.Clock ?? (() => DateTimeOffset.Now);
        return new Interpreter(_map, budget, clock).Render(_body, scope);
    }
}
