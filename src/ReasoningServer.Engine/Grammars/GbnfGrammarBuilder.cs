using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// Collects GBNF rules by name and writes a grammar that llama.cpp's <c>llama_sampler_init_grammar</c> accepts.
/// Several JSON Schemas (each under its own name prefix) and hand-written rules can share one builder, so a
/// tool-call grammar can wrap every function's argument schema in its own literal text. Output is deterministic:
/// rules appear in the order they were first added, and only those the root reaches.
/// </summary>
public sealed partial class GbnfGrammarBuilder
{
    // A null body is a name reserved for a rule that refers to itself, defined once its parts exist.
    private readonly Dictionary<string, string?> _bodies = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);

    /// <param name="limits">Bounds for <see cref="AddJsonSchema"/>; <see cref="JsonSchemaGrammarLimits.Default"/> when null.</param>
    public GbnfGrammarBuilder(JsonSchemaGrammarLimits? limits = null)
    {
        Limits = limits ?? JsonSchemaGrammarLimits.Default;
    }

    /// <summary>The bounds <see cref="AddJsonSchema"/> enforces.</summary>
    public JsonSchemaGrammarLimits Limits { get; }

    /// <summary>How many rules have been added so far.</summary>
    public int RuleCount => _order.Count;

    /// <summary>
    /// Adds <c>name ::= body</c>. The name is made a valid GBNF name (runs of characters other than ASCII letters,
    /// digits and '-' become '-'). Adding the same name with the same body again returns the existing rule; a
    /// different body under a taken name gets a numbered name. <c>root</c> is reserved for <see cref="Build"/>.
    /// </summary>
    /// <returns>The name to reference the rule by.</returns>
    public string AddRule(string name, string body)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        return Place(name, body);
    }

    /// <summary>Takes a fresh name for a rule whose body will refer to the rule itself; <see cref="DefineRule"/> gives the body.</summary>
    internal string ReserveRule(string name) => Place(name, null);

    internal void DefineRule(string name, string body)
    {
        if (!_bodies.TryGetValue(name, out var existing) || existing is not null)
        {
            throw new InvalidOperationException($"Rule '{name}' was not reserved.");
        }

        _bodies[name] = body;
    }

    /// <summary>A rule shared by all schemas (e.g. "any value"), under <paramref name="key"/>; null until <see cref="SetShared"/>.</summary>
    internal string? GetShared(string key) => _shared.GetValueOrDefault(key);

    internal void SetShared(string key, string name) => _shared[key] = name;

    private string Place(string name, string? body)
    {
        var baseName = SanitizeName(name);
        var candidate = baseName;
        for (var suffix = 2; ; suffix++)
        {
            if (candidate != "root")
            {
                if (!_bodies.TryGetValue(candidate, out var existing))
                {
                    _bodies.Add(candidate, body);
                    _order.Add(candidate);
                    return candidate;
                }

                if (body is not null && existing == body)
                {
                    return candidate;
                }
            }

            candidate = baseName + "-" + suffix.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// A GBNF string literal matching exactly <paramref name="text"/>: quotes, backslashes and control characters
    /// are escaped, other characters (including non-ASCII) are kept as they are and reach llama.cpp as UTF-8.
    /// A lone UTF-16 surrogate cannot be UTF-8, so it becomes U+FFFD.
    /// </summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        builder.Append('\uFFFD');
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// Adds the rules for a JSON Schema and returns the rule that matches one JSON value valid against it (no
    /// surrounding whitespace). Rule names start with <paramref name="namePrefix"/> ("schema" when empty), so
    /// several schemas can live in one grammar. On failure nothing is added.
    /// </summary>
    /// <exception cref="UnsupportedSchemaException">The schema uses a keyword that cannot be expressed, is malformed,
    /// or is past <see cref="Limits"/>.</exception>
    public string AddJsonSchema(JsonElement schema, string namePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(namePrefix);
        var checkpoint = _order.Count;
        try
        {
            var reader = new JsonSchemaReader(schema, Limits);
            var writer = new JsonSchemaGrammarWriter(this, reader, Limits, checkpoint);
            return writer.WriteRoot(reader.ReadRoot(), namePrefix.Length == 0 ? "schema" : namePrefix);
        }
        catch
        {
            RollBack(checkpoint);
            throw;
        }
    }

    /// <summary>A rule for any JSON object (<c>response_format: json_object</c>).</summary>
    public string AddAnyJsonObject() => JsonGrammarPrimitives.Object(this);

    /// <summary>A rule for any JSON value (free-form tool arguments).</summary>
    public string AddAnyJsonValue() => JsonGrammarPrimitives.Value(this);

    /// <summary>
    /// The grammar text: <c>root ::= rootRule</c> first, then every added rule the root reaches, in the order added.
    /// <paramref name="rootRule"/> is a rule name or any GBNF expression over added rules.
    /// </summary>
    /// <exception cref="InvalidOperationException">The root reaches a rule name that was never added.</exception>
    public string Build(string rootRule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootRule);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Name, string From)>();
        foreach (var name in GbnfReferenceScanner.References(rootRule))
        {
            pending.Push((name, "root"));
        }

        while (pending.Count > 0)
        {
            var (name, from) = pending.Pop();
            if (!reached.Add(name))
            {
                continue;
            }

            if (!_bodies.TryGetValue(name, out var body) || body is null)
            {
                throw new InvalidOperationException($"Rule '{from}' references '{name}', which was never added.");
            }

            foreach (var reference in GbnfReferenceScanner.References(body))
            {
                pending.Push((reference, name));
            }
        }

        var grammar = new StringBuilder();
        grammar.Append("root ::= ").Append(rootRule).Append('\n');
        foreach (var name in _order)
        {
            if (reached.Contains(name))
            {
                grammar.Append(name).Append(" ::= ").Append(_bodies[name]).Append('\n');
            }
        }

        return grammar.ToString();
    }

    private void RollBack(int checkpoint)
    {
        for (var i = _order.Count - 1; i >= checkpoint; i--)
        {
            _bodies.Remove(_order[i]);
            _order.RemoveAt(i);
        }

        foreach (var key in _shared.Where(pair => !_bodies.ContainsKey(pair.Value)).Select(pair => pair.Key).ToList())
        {
            _shared.Remove(key);
        }
    }

    private static string SanitizeName(string name)
    {
        var sanitized = InvalidNameCharacters().Replace(name, "-");
        return sanitized.Length == 0 ? "rule" : sanitized;
    }

    [GeneratedRegex("[^a-zA-Z0-9-]+")]
    private static partial Regex InvalidNameCharacters();
}
