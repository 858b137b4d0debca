using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ReasoningServer.Engine.Grammars.Schema;

namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// Writes the GBNF rules for a read schema. Whitespace follows one rule everywhere: the bounded <c>space</c> after
/// every '{', '[', ',' and ':' and after every member value and array item, never twice in a row, so the text
/// has exactly one parse and a model cannot pad it forever. Object members come in the schema's
/// <c>properties</c> order (as OpenAI's structured outputs write them: a "reasoning" field declared before an
/// "answer" field is generated first), each optional one may be left out, and additional members come last.
/// </summary>
internal sealed partial class JsonSchemaGrammarWriter(
    GbnfGrammarBuilder builder,
    JsonSchemaReader reader,
    JsonSchemaGrammarLimits limits,
    int firstRuleIndex)
{
    private readonly Dictionary<string, string> _referenceRules = new(StringComparer.Ordinal);

    // References entered since the last '{' or '[': meeting one again would be a rule that starts with itself
    // (left recursion), which llama.cpp refuses.
    private HashSet<string> _unguarded = new(StringComparer.Ordinal);

    private string _rootName = "";

    public string WriteRoot(SchemaNode root, string name)
    {
        _rootName = name;
        var rule = builder.ReserveRule(name);
        _referenceRules[""] = rule;
        _unguarded.Add("");
        builder.DefineRule(rule, Body(root, name));
        CheckRuleCount(root);
        return rule;
    }

    /// <summary>One symbol for the node: a rule name (an existing one when the body is just a reference).</summary>
    private string Symbol(SchemaNode node, string name)
    {
        var body = Body(node, name);
        if (SingleName().IsMatch(body))
        {
            return body;
        }

        var rule = builder.AddRule(name, body);
        CheckRuleCount(node);
        return rule;
    }

    private string Body(SchemaNode node, string name) => node switch
    {
        AnySchema => JsonGrammarPrimitives.Value(builder),
        NeverSchema never => throw new UnsupportedSchemaException(never.Keyword, never.Path, "Invalid schema: " + never.Reason + ", so no value is valid"),
        RefSchema reference => ReferenceRule(reference),
        UnionSchema union => UnionBody(union, name),
        ConstSchema constant => string.Join(" | ", constant.Values.Select(value => GbnfGrammarBuilder.Literal(CanonicalJson.Write(value)))),
        ObjectSchema obj => Guarded(() => ObjectBody(obj, name)),
        ArraySchema array => Guarded(() => ArrayBody(array, name)),
        StringSchema text => StringBody(text, name),
        NumberSchema number => NumberBody(number),
        _ => throw new InvalidOperationException("Unknown schema node " + node.GetType().Name),
    };

    private string ReferenceRule(RefSchema reference)
    {
        if (_unguarded.Contains(reference.Pointer))
        {
            throw new UnsupportedSchemaException("$ref", reference.Path,
                $"The reference '#{reference.Pointer}' comes back to itself before any object or array, so it matches nothing finite");
        }

        if (_referenceRules.TryGetValue(reference.Pointer, out var existing))
        {
            return existing;
        }

        var lastSegment = reference.Pointer[(reference.Pointer.LastIndexOf('/') + 1)..];
        var name = _rootName + "-" + lastSegment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        var rule = builder.ReserveRule(name);
        _referenceRules[reference.Pointer] = rule;
        _unguarded.Add(reference.Pointer);
        var target = reader.Resolve(reference);
        builder.DefineRule(rule, Body(target, rule));
        _unguarded.Remove(reference.Pointer);
        CheckRuleCount(reference);
        return rule;
    }

    private string UnionBody(UnionSchema union, string name)
    {
        var alternatives = union.Alternatives.Select((alternative, index) => alternative is ConstSchema
            ? Body(alternative, name)
            : Symbol(alternative, name + "-" + index.ToString(CultureInfo.InvariantCulture)));
        return string.Join(" | ", alternatives);
    }

    /// <summary>Inside '{' or '[' something has been written, so a reference may come back to itself.</summary>
    private string Guarded(Func<string> write)
    {
        var saved = _unguarded;
        _unguarded = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            return write();
        }
        finally
        {
            _unguarded = saved;
        }
    }

    private string ObjectBody(ObjectSchema obj, string name)
    {
        var space = JsonGrammarPrimitives.Space(builder);
        if (obj.Properties.Count == 0)
        {
            if (obj.Additional is AnySchema)
            {
                return JsonGrammarPrimitives.Object(builder);
            }

            if (obj.Additional is null)
            {
                return "\"{\" " + space + " \"}\"";
            }
        }

        var members = obj.Properties.Select(property =>
        {
            var memberName = name + "-" + property.Key;
            var value = Symbol(property.Value, memberName);
            var key = GbnfGrammarBuilder.Literal(CanonicalJson.Write(JsonValue(property.Key)));
            return (property.Key, Rule: builder.AddRule(memberName + "-kv", key + " " + space + " \":\" " + space + " " + value + " " + space));
        }).ToList();

        string? additionalMember = null;
        if (obj.Additional is not null)
        {
            var key = AdditionalKey(obj.Properties.Select(property => property.Key).ToList(), name);
            var value = obj.Additional is AnySchema ? JsonGrammarPrimitives.Value(builder) : Symbol(obj.Additional, name + "-additional-value");
            additionalMember = builder.AddRule(name + "-additional-kv", key + " " + space + " \":\" " + space + " " + value + " " + space);
        }

        var comma = "\",\" " + space + " ";
        var tails = new Dictionary<(int, bool), string>();

        // The members from index on, after at least one member (emitted) or none.
        string Tail(int index, bool emitted)
        {
            if (index == members.Count)
            {
                if (additionalMember is null)
                {
                    return "";
                }

                var repeated = "(" + comma + additionalMember + ")*";
                return emitted ? repeated : "(" + additionalMember + " " + repeated + ")?";
            }

            var (key, rule) = members[index];
            var lead = emitted ? comma + rule : rule;
            if (obj.Required.Contains(key))
            {
                return Join(lead, Tail(index + 1, emitted: true));
            }

            var take = Join(lead, TailRule(index + 1, emitted: true));
            var skip = TailRule(index + 1, emitted);
            return skip.Length == 0 ? "(" + take + ")?" : "(" + take + " | " + skip + ")";
        }

        // An optional member's two continuations share the rest, so the rest becomes a rule (once per state).
        string TailRule(int index, bool emitted)
        {
            if (tails.TryGetValue((index, emitted), out var existing))
            {
                return existing;
            }

            var body = Tail(index, emitted);
            var rule = body.Length == 0 ? "" : builder.AddRule(
                name + "-" + (index < members.Count ? members[index].Key : "additional") + (emitted ? "-rest" : "-first"), body);
            tails[(index, emitted)] = rule;
            return rule;
        }

        var content = Tail(0, emitted: false);
        return "\"{\" " + space + " " + (content.Length == 0 ? "" : content + " ") + "\"}\"";
    }

    private static string Join(string first, string second) => second.Length == 0 ? first : first + " " + second;

    /// <summary>
    /// A JSON string key other than the declared names. Keys are written without escapes, so a key cannot spell
    /// a declared name in another way; a trie of the names rules out each of them character by character.
    /// </summary>
    private string AdditionalKey(IReadOnlyList<string> declared, string name)
    {
        const string keyChar = "[^\"\\\\\\x7F\\x00-\\x1F\\uD800-\\uDFFF]";
        var keyCharRule = builder.AddRule("key-char", keyChar);
        if (declared.Count == 0)
        {
            return builder.AddRule("key", "\"\\\"\" " + keyCharRule + "* \"\\\"\"");
        }

        // Names with characters a key is never written with raw cannot be matched anyway.
        var names = declared.Where(n => n.EnumerateRunes().All(rune => rune.Value >= 0x20 && rune.Value != '"' && rune.Value != '\\' && rune.Value != 0x7F))
            .Select(n => n.EnumerateRunes().Select(rune => rune.Value).ToList()).ToList();
        var root = new KeyTrie();
        foreach (var runes in names)
        {
            var node = root;
            foreach (var rune in runes)
            {
                node = node.Child(rune);
            }

            node.IsName = true;
        }

        var output = new StringBuilder();
        void Visit(KeyTrie node)
        {
            var first = true;
            foreach (var (rune, child) in node.Children)
            {
                if (!first)
                {
                    output.Append(" | ");
                }

                first = false;
                output.Append('[').Append(GbnfClass.Char(rune)).Append(']');
                if (child.Children.Count > 0)
                {
                    output.Append(" (");
                    Visit(child);
                    if (!child.IsName)
                    {
                        // The prefix itself is not a name, so the key may end here.
                        output.Append(" | ");
                    }

                    output.Append(')');
                }
                else
                {
                    output.Append(' ').Append(keyCharRule).Append('+');
                }
            }

            if (node.Children.Count > 0)
            {
                output.Append(" | [^\"\\\\\\x7F\\x00-\\x1F\\uD800-\\uDFFF");
                foreach (var rune in node.Children.Keys)
                {
                    output.Append(GbnfClass.Char(rune));
                }

                output.Append("] ").Append(keyCharRule).Append('*');
            }
        }

        Visit(root);
        var body = "\"\\\"\" (" + output + ")" + (root.IsName ? "" : "?") + " \"\\\"\"";
        return builder.AddRule(name + "-additional-key", body);
    }

    private string ArrayBody(ArraySchema array, string name)
    {
        var space = JsonGrammarPrimitives.Space(builder);
        if (array.Prefix.Count == 0 && array.Items is AnySchema && array.MinItems == 0 && array.MaxItems is null)
        {
            return JsonGrammarPrimitives.Array(builder);
        }

        var prefixCount = Math.Min(array.Prefix.Count, array.MaxItems ?? int.MaxValue);
        if (array.Items is null && array.MinItems > prefixCount)
        {
            throw new UnsupportedSchemaException("minItems", array.Path, "Invalid schema: minItems asks for more items than the schema allows");
        }

        var elements = new List<string>();
        for (var index = 0; index < prefixCount; index++)
        {
            elements.Add(Symbol(array.Prefix[index], name + "-" + index.ToString(CultureInfo.InvariantCulture)) + " " + space);
        }

        var restMin = Math.Max(0, array.MinItems - prefixCount);
        int? restMax = array.Items is null ? 0 : array.MaxItems - prefixCount;
        var content = string.Join(" \",\" " + space + " ", elements);
        if (restMax != 0)
        {
            var item = Symbol(array.Items!, name + "-item") + " " + space;
            var rest = prefixCount == 0
                ? GbnfRepetition.SeparatedList(item, "\",\" " + space, restMin, restMax)
                : GbnfRepetition.Repeat("(\",\" " + space + " " + item + ")", restMin, restMax);
            content = Join(content, rest);
        }

        return "\"[\" " + space + " " + (content.Length == 0 ? "" : content + " ") + "\"]\"";
    }

    private string StringBody(StringSchema text, string name)
    {
        const string quote = "\"\\\"\"";
        if (text.Format is { } format)
        {
            return StringFormats.StringRule(builder, format);
        }

        if (text.Pattern is { } pattern)
        {
            var content = new RegexPatternTranslator(builder, name, text.Path, limits.MaxRepetition).Translate(pattern);
            return quote + " " + (content.Length == 0 ? "" : "(" + content + ") ") + quote;
        }

        if (text.MinLength > 0 || text.MaxLength is not null)
        {
            var characters = GbnfRepetition.Repeat(JsonGrammarPrimitives.Char(builder), text.MinLength, text.MaxLength);
            return quote + " " + (characters.Length == 0 ? "" : characters + " ") + quote;
        }

        return JsonGrammarPrimitives.String(builder);
    }

    private string NumberBody(NumberSchema number)
    {
        if (number.Minimum is null && number.Maximum is null)
        {
            return number.IntegerOnly ? JsonGrammarPrimitives.Integer(builder) : JsonGrammarPrimitives.Number(builder);
        }

        const decimal largest = IntegerRangeGrammar.MaxMagnitude;
        if (number.IntegerOnly)
        {
            var low = number.Minimum is { } min ? (min.Exclusive ? decimal.Floor(min.Value) + 1 : decimal.Ceiling(min.Value)) : -largest;
            var high = number.Maximum is { } max ? (max.Exclusive ? decimal.Ceiling(max.Value) - 1 : decimal.Floor(max.Value)) : largest;
            low = Math.Max(low, -largest);
            high = Math.Min(high, largest);
            if (low > high)
            {
                throw new UnsupportedSchemaException("minimum", number.Path,
                    "Invalid schema: no integer of at most 16 digits lies within the minimum and maximum");
            }

            return "(" + IntegerRangeGrammar.Range((long)low, (long)high) + ")";
        }

        (long, bool)? Bound(NumericBound? bound, string keyword)
        {
            if (bound is not { } b)
            {
                return null;
            }

            if (b.Value != decimal.Truncate(b.Value))
            {
                throw new UnsupportedSchemaException(keyword, number.Path,
                    $"A fractional '{keyword}' on a number is not supported; use a whole-number bound or type integer");
            }

            // Past 16 digits a bound leaves every generated number inside, or none outside its side.
            return b.Value < -largest ? (keyword == "minimum" ? null : (-(long)largest, false))
                : b.Value > largest ? (keyword == "maximum" ? null : ((long)largest, false))
                : ((long)b.Value, b.Exclusive);
        }

        var expression = NumberRangeGrammar.Range(builder, Bound(number.Minimum, "minimum"), Bound(number.Maximum, "maximum"));
        return expression is null
            ? throw new UnsupportedSchemaException("minimum", number.Path, "Invalid schema: no number lies within the minimum and maximum")
            : "(" + expression + ")";
    }

    private void CheckRuleCount(SchemaNode node)
    {
        if (builder.RuleCount - firstRuleIndex > limits.MaxRules)
        {
            throw new UnsupportedSchemaException("schema", node.Path, $"The schema needs more than {limits.MaxRules} grammar rules");
        }
    }

    private static System.Text.Json.JsonElement JsonValue(string text) =>
        System.Text.Json.JsonSerializer.SerializeToElement(text);

    [GeneratedRegex("^[a-zA-Z0-9-]+$")]
    private static partial Regex SingleName();

    /// <summary>One character position of the declared names.</summary>
    private sealed class KeyTrie
    {
        public SortedDictionary<int, KeyTrie> Children { get; } = [];

        public bool IsName { get; set; }

        public KeyTrie Child(int rune)
        {
            if (!Children.TryGetValue(rune, out var child))
            {
                child = new KeyTrie();
                Children[rune] = child;
            }

            return child;
        }
    }
}
