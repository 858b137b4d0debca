using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReasoningServer.Engine.Grammars.Schema;

namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// The conjunction of two schemas (<c>allOf</c>, or several keywords in one object), computed exactly where a
/// grammar can carry the result and refused where it cannot (two different patterns, say). Also decides whether a
/// value satisfies a schema (to filter <c>enum</c> values) and whether <c>oneOf</c> alternatives exclude each other.
/// </summary>
internal sealed class SchemaIntersection(JsonSchemaReader reader, JsonSchemaGrammarLimits limits)
{
    private const int MaxValueDepth = 256;

    // References being expanded by the intersection under way: meeting one again means two recursive schemas are
    // being merged, which has no finite result here.
    private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);

    /// <summary>
    /// Values in both schemas. Defaults the grammar narrows (no undeclared members, no items past a prefix) count
    /// as what JSON Schema says, "anything", while merging; the result keeps the narrowing, so allOf branches that
    /// each declare some properties merge into one object with all of them.
    /// </summary>
    public SchemaNode Intersect(SchemaNode left, SchemaNode right)
    {
        switch (left, right)
        {
            case (AnySchema, _):
                return right;
            case (_, AnySchema):
                return left;
            case (NeverSchema, _):
                return left;
            case (_, NeverSchema):
                return right;
            case (RefSchema reference, _):
                return Expand(reference, target => Intersect(target, right));
            case (_, RefSchema reference):
                return Expand(reference, target => Intersect(left, target));
            case (UnionSchema union, _):
                return Union(union.Path, union.Alternatives.Select(alternative => Intersect(alternative, right)));
            case (_, UnionSchema union):
                return Union(union.Path, union.Alternatives.Select(alternative => Intersect(left, alternative)));
            case (ConstSchema values, _):
                return Filter(values, right);
            case (_, ConstSchema values):
                return Filter(values, left);
            case (ObjectSchema a, ObjectSchema b):
                return IntersectObjects(a, b);
            case (ArraySchema a, ArraySchema b):
                return IntersectArrays(a, b);
            case (StringSchema a, StringSchema b):
                return IntersectStrings(a, b);
            case (NumberSchema a, NumberSchema b):
                return IntersectNumbers(a, b);
            default:
                return new NeverSchema(left.Path, "type", "The combined schemas allow no common type");
        }
    }

    private SchemaNode Expand(RefSchema reference, Func<SchemaNode, SchemaNode> intersect)
    {
        if (!_expanding.Add(reference.Pointer))
        {
            throw new UnsupportedSchemaException("$ref", reference.Path,
                $"The recursive reference '#{reference.Pointer}' cannot be merged with other keywords (allOf, or $ref beside other keywords)");
        }

        try
        {
            return intersect(reader.Resolve(reference));
        }
        finally
        {
            _expanding.Remove(reference.Pointer);
        }
    }

    /// <summary>
    /// Refuses a <c>oneOf</c> unless no value can match two of its alternatives, because generating from them as
    /// <c>anyOf</c> could then produce a value that matches several, which <c>oneOf</c> forbids.
    /// </summary>
    public void RequireDisjoint(IReadOnlyList<SchemaNode> alternatives, string path)
    {
        for (var i = 0; i < alternatives.Count; i++)
        {
            for (var j = i + 1; j < alternatives.Count; j++)
            {
                SchemaNode common;
                try
                {
                    common = Intersect(alternatives[i], alternatives[j]);
                }
                catch (UnsupportedSchemaException)
                {
                    common = alternatives[i];
                }

                if (common is not NeverSchema)
                {
                    throw new UnsupportedSchemaException("oneOf", path,
                        $"The oneOf alternatives {i} and {j} may both match one value; use anyOf, or make them exclusive (e.g. by a const property)");
                }
            }
        }
    }

    /// <summary>Whether <paramref name="value"/> is valid against <paramref name="schema"/>.</summary>
    public bool Admits(SchemaNode schema, JsonElement value, int depth = 0)
    {
        if (depth > MaxValueDepth)
        {
            throw new UnsupportedSchemaException("$ref", schema.Path, "References nest too deeply to check an enum value against them");
        }

        switch (schema)
        {
            case AnySchema:
                return true;
            case NeverSchema:
                return false;
            case RefSchema reference:
                return Admits(reader.Resolve(reference), value, depth + 1);
            case UnionSchema union:
                return union.Alternatives.Any(alternative => Admits(alternative, value, depth + 1));
            case ConstSchema constant:
                return constant.Values.Any(allowed => CanonicalJson.AreEqual(allowed, value));
            case ObjectSchema obj:
                if (value.ValueKind != JsonValueKind.Object || obj.Required.Any(name => !value.TryGetProperty(name, out _)))
                {
                    return false;
                }

                return value.EnumerateObject().All(member =>
                {
                    var declared = obj.Properties.FirstOrDefault(property => property.Key == member.Name).Value;
                    var memberSchema = declared ?? obj.Additional ?? (obj.ClosedByDefault ? new AnySchema(obj.Path) : null);
                    return memberSchema is not null && Admits(memberSchema, member.Value, depth + 1);
                });
            case ArraySchema array:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }

                var count = value.GetArrayLength();
                if (count < array.MinItems || count > array.MaxItems)
                {
                    return false;
                }

                return value.EnumerateArray().Select((item, index) => (item, index)).All(pair =>
                {
                    var itemSchema = pair.index < array.Prefix.Count ? array.Prefix[pair.index]
                        : array.Items ?? (array.ClosedByDefault ? new AnySchema(array.Path) : null);
                    return itemSchema is not null && Admits(itemSchema, pair.item, depth + 1);
                });
            case StringSchema text:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                if (text.Format is not null)
                {
                    throw new UnsupportedSchemaException("format", text.Path, "'format' combined with enum or const is not supported");
                }

                var stringValue = value.GetString()!;
                var length = stringValue.EnumerateRunes().Count();
                return length >= text.MinLength && length <= (text.MaxLength ?? int.MaxValue)
                    && (text.Pattern is null || MatchesPattern(text, stringValue));
            case NumberSchema number:
                if (value.ValueKind != JsonValueKind.Number)
                {
                    return false;
                }

                var numeric = value.TryGetDecimal(out var exact) ? exact : (decimal?)null;
                if (numeric is null)
                {
                    // Outside decimal's range: no bounds we can write hold it, and no integer has this many digits.
                    return !number.IntegerOnly && number.Minimum is null && number.Maximum is null;
                }

                return (!number.IntegerOnly || numeric == decimal.Truncate(numeric.Value))
                    && Within(numeric.Value, number.Minimum, isLower: true) && Within(numeric.Value, number.Maximum, isLower: false);
            default:
                return false;
        }
    }

    /// <summary>Refuses string constraints that one grammar cannot combine (a pattern or format with lengths).</summary>
    public static void RequireExpressible(StringSchema node)
    {
        var lengthKeyword = node.MinLength > 0 ? "minLength" : node.MaxLength is not null ? "maxLength" : null;
        if (node.Pattern is not null && node.Format is not null)
        {
            throw new UnsupportedSchemaException("pattern", node.Path, "'pattern' combined with 'format' is not supported");
        }

        if (lengthKeyword is not null && (node.Pattern is not null || node.Format is not null))
        {
            throw new UnsupportedSchemaException(lengthKeyword, node.Path,
                $"'{lengthKeyword}' combined with '{(node.Pattern is not null ? "pattern" : "format")}' is not supported");
        }
    }

    /// <summary>The stricter of two lower (or upper) bounds.</summary>
    public static NumericBound? Tighter(NumericBound? current, NumericBound? candidate, bool isLower)
    {
        if (current is not { } a)
        {
            return candidate;
        }

        if (candidate is not { } b)
        {
            return a;
        }

        if (a.Value == b.Value)
        {
            return new NumericBound(a.Value, a.Exclusive || b.Exclusive);
        }

        return (a.Value > b.Value) == isLower ? a : b;
    }

    private SchemaNode Union(string path, IEnumerable<SchemaNode> alternatives)
    {
        var kept = new List<SchemaNode>();
        foreach (var alternative in alternatives)
        {
            if (alternative is UnionSchema nested)
            {
                kept.AddRange(nested.Alternatives);
            }
            else if (alternative is not NeverSchema)
            {
                kept.Add(alternative);
            }

            if (kept.Count > limits.MaxAlternatives)
            {
                throw new UnsupportedSchemaException("allOf", path,
                    $"Combining these schemas gives more than {limits.MaxAlternatives} alternatives");
            }
        }

        return kept.Count switch
        {
            0 => new NeverSchema(path, "anyOf", "No alternative is compatible with the other keywords"),
            1 => kept[0],
            _ => new UnionSchema(path, kept),
        };
    }

    private SchemaNode Filter(ConstSchema values, SchemaNode other)
    {
        var kept = values.Values.Where(value => Admits(other, value)).ToList();
        return kept.Count == 0
            ? new NeverSchema(values.Path, "enum", "No enum or const value satisfies the other keywords")
            : new ConstSchema(values.Path, kept);
    }

    private SchemaNode IntersectObjects(ObjectSchema a, ObjectSchema b)
    {
        SchemaNode? Member(ObjectSchema side, string name) =>
            side.Properties.FirstOrDefault(property => property.Key == name).Value ?? Rest(side.Additional, side.ClosedByDefault, side.Path);

        var names = a.Properties.Select(property => property.Key)
            .Concat(b.Properties.Select(property => property.Key)).Distinct(StringComparer.Ordinal);
        var properties = new List<KeyValuePair<string, SchemaNode>>();
        var required = new HashSet<string>(a.Required.Concat(b.Required), StringComparer.Ordinal);
        foreach (var name in names)
        {
            var left = Member(a, name);
            var right = Member(b, name);
            var merged = left is null || right is null ? null : Intersect(left, right);
            if (merged is null or NeverSchema)
            {
                // The property cannot appear: fine when optional, impossible when required.
                if (required.Contains(name))
                {
                    return new NeverSchema(a.Path, "required", $"The required property '{name}' is not allowed by one of the combined schemas");
                }

                continue;
            }

            properties.Add(new(name, merged));
        }

        var (additional, closedByDefault) = MergeRest(a.Additional, a.ClosedByDefault, b.Additional, b.ClosedByDefault, a.Path);
        return new ObjectSchema(a.Path, properties, required, additional, closedByDefault);
    }

    /// <summary>What JSON Schema allows past the declared members (or prefix): a narrowed default is "anything".</summary>
    private static SchemaNode? Rest(SchemaNode? rest, bool closedByDefault, string path) =>
        rest ?? (closedByDefault ? new AnySchema(path) : null);

    /// <summary>The merged rest: closed when either side is, narrowed when either side narrows.</summary>
    private (SchemaNode? Remainder, bool ClosedByDefault) MergeRest(SchemaNode? left, bool leftDefault, SchemaNode? right, bool rightDefault, string path)
    {
        if ((left is null && !leftDefault) || (right is null && !rightDefault))
        {
            return (null, false);
        }

        if (leftDefault || rightDefault)
        {
            return (null, true);
        }

        var merged = Intersect(left!, right!);
        return merged is NeverSchema ? (null, false) : (merged, false);
    }

    private SchemaNode IntersectArrays(ArraySchema a, ArraySchema b)
    {
        SchemaNode? At(ArraySchema side, int index) =>
            index < side.Prefix.Count ? side.Prefix[index] : Rest(side.Items, side.ClosedByDefault, side.Path);

        var minItems = Math.Max(a.MinItems, b.MinItems);
        var maxItems = a.MaxItems is null ? b.MaxItems : b.MaxItems is null ? a.MaxItems : Math.Min(a.MaxItems.Value, b.MaxItems.Value);
        var prefix = new List<SchemaNode>();
        SchemaNode? items = null;
        var closedByDefault = false;
        var prefixLength = Math.Max(a.Prefix.Count, b.Prefix.Count);
        var open = true;
        for (var index = 0; index < prefixLength; index++)
        {
            var left = At(a, index);
            var right = At(b, index);
            var merged = left is null || right is null ? null : Intersect(left, right);
            if (merged is null or NeverSchema)
            {
                // No item can stand at this index, so the array ends before it.
                maxItems = Math.Min(maxItems ?? index, index);
                open = false;
                break;
            }

            prefix.Add(merged);
        }

        if (open)
        {
            (items, closedByDefault) = MergeRest(a.Items, a.ClosedByDefault, b.Items, b.ClosedByDefault, a.Path);
            if (items is null && (!closedByDefault || minItems <= prefix.Count))
            {
                maxItems = Math.Min(maxItems ?? prefix.Count, prefix.Count);
            }
            else if (items is null)
            {
                // The narrowing cannot hold: minItems needs items past the prefix, which JSON Schema allows.
                items = new AnySchema(a.Path);
                closedByDefault = false;
            }
        }

        return minItems > maxItems
            ? new NeverSchema(a.Path, "minItems", "The combined array bounds allow no length")
            : new ArraySchema(a.Path, prefix, items, minItems, maxItems, closedByDefault);
    }

    private static SchemaNode IntersectStrings(StringSchema a, StringSchema b)
    {
        if (a.Pattern is not null && b.Pattern is not null && a.Pattern != b.Pattern)
        {
            throw new UnsupportedSchemaException("pattern", b.Path, "Two different patterns for one string cannot be combined");
        }

        if (a.Format is not null && b.Format is not null && a.Format != b.Format)
        {
            throw new UnsupportedSchemaException("format", b.Path, "Two different formats for one string cannot be combined");
        }

        var minLength = Math.Max(a.MinLength, b.MinLength);
        var maxLength = a.MaxLength is null ? b.MaxLength : b.MaxLength is null ? a.MaxLength : Math.Min(a.MaxLength.Value, b.MaxLength.Value);
        if (minLength > maxLength)
        {
            return new NeverSchema(a.Path, "minLength", "The combined string lengths allow no string");
        }

        var node = new StringSchema(a.Path, minLength, maxLength, a.Pattern ?? b.Pattern, a.Format ?? b.Format);
        RequireExpressible(node);
        return node;
    }

    private static SchemaNode IntersectNumbers(NumberSchema a, NumberSchema b)
    {
        var minimum = Tighter(a.Minimum, b.Minimum, isLower: true);
        var maximum = Tighter(a.Maximum, b.Maximum, isLower: false);
        if (minimum is { } low && maximum is { } high
            && (low.Value > high.Value || (low.Value == high.Value && (low.Exclusive || high.Exclusive))))
        {
            return new NeverSchema(a.Path, "minimum", "The combined numeric bounds allow no number");
        }

        return new NumberSchema(a.Path, a.IntegerOnly || b.IntegerOnly, minimum, maximum);
    }

    private static bool Within(decimal value, NumericBound? bound, bool isLower)
    {
        if (bound is not { } b)
        {
            return true;
        }

        var comparison = value.CompareTo(b.Value);
        return isLower ? comparison > 0 || (comparison == 0 && !b.Exclusive) : comparison < 0 || (comparison == 0 && !b.Exclusive);
    }

    private static bool MatchesPattern(StringSchema text, string value)
    {
        try
        {
            return Regex.IsMatch(value, text.Pattern!, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException error)
        {
            throw new UnsupportedSchemaException("pattern", text.Path,
                "Invalid schema: the pattern is not a valid regular expression: " + error.Message.ToString(CultureInfo.InvariantCulture));
        }
    }
}
