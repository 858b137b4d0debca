using System.Text.Json;
using ReasoningServer.Engine.Grammars.Schema;

namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// Reads a JSON Schema document into <see cref="SchemaNode"/>s, checking every keyword: unknown or inexpressible
/// keywords and malformed values are refused here with their JSON-pointer path. Keywords in one schema object
/// combine as JSON Schema says (all must hold), through <see cref="SchemaIntersection"/>.
/// </summary>
internal sealed class JsonSchemaReader
{
    private static readonly JsonElement NullValue = JsonDocument.Parse("null").RootElement.Clone();
    private static readonly JsonElement[] BooleanValues = [.. JsonDocument.Parse("[true,false]").RootElement.Clone().EnumerateArray()];

    private readonly JsonElement _document;
    private readonly JsonSchemaGrammarLimits _limits;
    private readonly Dictionary<string, SchemaNode> _resolved = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);

    public JsonSchemaReader(JsonElement document, JsonSchemaGrammarLimits limits)
    {
        _document = document;
        _limits = limits;
        Intersection = new SchemaIntersection(this, limits);
    }

    public SchemaIntersection Intersection { get; }

    /// <summary>The node of the whole document (pointer "").</summary>
    public SchemaNode ReadRoot() => Resolve(new RefSchema("", ""));

    /// <summary>The node a <c>$ref</c> points at, read once per pointer.</summary>
    public SchemaNode Resolve(RefSchema reference)
    {
        if (_resolved.TryGetValue(reference.Pointer, out var node))
        {
            return node;
        }

        if (!_resolving.Add(reference.Pointer))
        {
            throw new UnsupportedSchemaException("$ref", reference.Path,
                $"The reference '#{reference.Pointer}' refers back to itself through keywords that must be merged (allOf, or $ref beside other keywords)");
        }

        try
        {
            var target = Locate(reference.Pointer) ?? throw new UnsupportedSchemaException("$ref", reference.Path,
                $"Invalid schema: the reference '#{reference.Pointer}' points at nothing");
            node = Read(target, reference.Pointer, "$ref", 0);
            _resolved[reference.Pointer] = node;
            return node;
        }
        finally
        {
            _resolving.Remove(reference.Pointer);
        }
    }

    private SchemaNode Read(JsonElement schema, string path, string keyword, int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            throw new UnsupportedSchemaException(keyword, path, $"The schema nests deeper than {_limits.MaxDepth} levels");
        }

        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return new AnySchema(path);
            case JsonValueKind.False:
                return new NeverSchema(path, keyword, "The schema is false");
            case JsonValueKind.Object:
                break;
            default:
                throw new UnsupportedSchemaException(keyword, path,
                    $"Invalid schema: a schema must be an object or a boolean, not {Describe(schema)}");
        }

        foreach (var member in schema.EnumerateObject())
        {
            if (!JsonSchemaKeywords.IsKnown(member.Name))
            {
                throw new UnsupportedSchemaException(member.Name, path, $"The keyword '{member.Name}' is not supported");
            }
        }

        var parts = new List<SchemaNode> { ReadTyped(schema, path, depth) };
        if (schema.TryGetProperty("const", out var constant))
        {
            parts.Add(new ConstSchema(path, [constant.Clone()]));
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                throw new UnsupportedSchemaException("enum", path, "Invalid schema: 'enum' must be a non-empty array");
            }

            if (values.GetArrayLength() > _limits.MaxEnumValues)
            {
                throw new UnsupportedSchemaException("enum", path, $"The enum has more than {_limits.MaxEnumValues} values");
            }

            parts.Add(new ConstSchema(path, [.. values.EnumerateArray().Select(value => value.Clone())]));
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            parts.Add(ReadReference(reference, path));
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            parts.Add(new UnionSchema(path, ReadSchemaArray(anyOf, path, "anyOf", depth)));
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var alternatives = ReadSchemaArray(oneOf, path, "oneOf", depth);
            Intersection.RequireDisjoint(alternatives, path);
            parts.Add(new UnionSchema(path, alternatives));
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            parts.AddRange(ReadSchemaArray(allOf, path, "allOf", depth));
        }

        var node = parts.Aggregate((left, right) => Intersection.Intersect(left, right));
        if (schema.TryGetProperty("nullable", out var nullable))
        {
            if (nullable.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new UnsupportedSchemaException("nullable", path, "Invalid schema: 'nullable' must be true or false");
            }

            if (nullable.ValueKind == JsonValueKind.True)
            {
                node = new UnionSchema(path, [node, new ConstSchema(path, [NullValue])]);
            }
        }

        return node;
    }

    private SchemaNode ReadTyped(JsonElement schema, string path, int depth)
    {
        var types = new List<string>();
        if (schema.TryGetProperty("type", out var type))
        {
            var names = type.ValueKind switch
            {
                JsonValueKind.String => [type],
                JsonValueKind.Array when type.GetArrayLength() > 0 => type.EnumerateArray().ToList(),
                _ => throw new UnsupportedSchemaException("type", path, "Invalid schema: 'type' must be a type name or a non-empty array of them"),
            };
            foreach (var name in names)
            {
                var text = name.ValueKind == JsonValueKind.String ? name.GetString()! : null;
                if (text is not ("object" or "array" or "string" or "number" or "integer" or "boolean" or "null"))
                {
                    throw new UnsupportedSchemaException("type", path, $"Invalid schema: unknown type {name.GetRawText()}");
                }

                if (!types.Contains(text))
                {
                    types.Add(text);
                }
            }
        }
        else
        {
            // Without "type", keywords that apply to one type say which type is meant. Generating only those
            // types is a subset of what the schema allows (it also allows every other type).
            bool Has(params string[] keywords) => keywords.Any(keyword => schema.TryGetProperty(keyword, out _));
            if (Has("properties", "required", "additionalProperties")) types.Add("object");
            if (Has("items", "prefixItems", "additionalItems", "minItems", "maxItems")) types.Add("array");
            if (Has("minLength", "maxLength", "pattern", "format")) types.Add("string");
            if (Has("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) types.Add("number");
            if (types.Count == 0)
            {
                return new AnySchema(path);
            }
        }

        if (types.Contains("number"))
        {
            // Every integer is a number: one alternative is enough.
            types.Remove("integer");
        }

        var alternatives = types.Select(name => name switch
        {
            "object" => ReadObject(schema, path, depth),
            "array" => ReadArray(schema, path, depth),
            "string" => ReadString(schema, path),
            "number" => ReadNumber(schema, path, integerOnly: false),
            "integer" => ReadNumber(schema, path, integerOnly: true),
            "boolean" => new ConstSchema(path, BooleanValues),
            _ => (SchemaNode)new ConstSchema(path, [NullValue]),
        }).ToList();
        return alternatives.Count == 1 ? alternatives[0] : new UnionSchema(path, alternatives);
    }

    private ObjectSchema ReadObject(JsonElement schema, string path, int depth)
    {
        var properties = new List<KeyValuePair<string, SchemaNode>>();
        var hasProperties = schema.TryGetProperty("properties", out var declared);
        if (hasProperties)
        {
            if (declared.ValueKind != JsonValueKind.Object)
            {
                throw new UnsupportedSchemaException("properties", path, "Invalid schema: 'properties' must be an object");
            }

            foreach (var property in declared.EnumerateObject())
            {
                properties.Add(new(property.Name,
                    Read(property.Value, path + "/properties/" + EscapePointer(property.Name), "properties", depth + 1)));
            }
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        var requiredOrder = new List<string>();
        if (schema.TryGetProperty("required", out var requiredNames))
        {
            if (requiredNames.ValueKind != JsonValueKind.Array
                || requiredNames.EnumerateArray().Any(name => name.ValueKind != JsonValueKind.String))
            {
                throw new UnsupportedSchemaException("required", path, "Invalid schema: 'required' must be an array of strings");
            }

            foreach (var name in requiredNames.EnumerateArray().Select(name => name.GetString()!))
            {
                if (required.Add(name))
                {
                    requiredOrder.Add(name);
                }
            }
        }

        SchemaNode? additional;
        var explicitlyClosed = false;
        var closedByDefault = false;
        if (schema.TryGetProperty("additionalProperties", out var additionalSchema))
        {
            additional = Read(additionalSchema, path + "/additionalProperties", "additionalProperties", depth + 1);
            if (additional is NeverSchema)
            {
                additional = null;
                explicitlyClosed = true;
            }
        }
        else if (hasProperties)
        {
            // As llama.cpp does: declared properties and nothing else, which keeps weak models from inventing keys.
            additional = null;
            closedByDefault = true;
        }
        else
        {
            additional = new AnySchema(path);
        }

        foreach (var name in requiredOrder.Where(name => properties.All(property => property.Key != name)))
        {
            if (explicitlyClosed)
            {
                throw new UnsupportedSchemaException("required", path,
                    $"Invalid schema: the required property '{name}' is not in 'properties' and additionalProperties is false");
            }

            properties.Add(new(name, additional ?? new AnySchema(path)));
        }

        return new ObjectSchema(path, properties, required, additional, closedByDefault);
    }

    private ArraySchema ReadArray(JsonElement schema, string path, int depth)
    {
        var prefix = new List<SchemaNode>();
        SchemaNode? items = null;
        var itemsGiven = false;
        if (schema.TryGetProperty("prefixItems", out var prefixItems))
        {
            prefix.AddRange(ReadSchemaArray(prefixItems, path, "prefixItems", depth));
        }

        if (schema.TryGetProperty("items", out var itemsSchema))
        {
            if (itemsSchema.ValueKind == JsonValueKind.Array)
            {
                // The draft-07 tuple form: items is the prefix and additionalItems the rest.
                if (prefix.Count > 0)
                {
                    throw new UnsupportedSchemaException("items", path, "Invalid schema: 'items' as an array beside 'prefixItems'");
                }

                prefix.AddRange(ReadSchemaArray(itemsSchema, path, "items", depth));
                if (schema.TryGetProperty("additionalItems", out var additionalItems))
                {
                    items = Read(additionalItems, path + "/additionalItems", "additionalItems", depth + 1);
                    itemsGiven = true;
                }
            }
            else
            {
                items = Read(itemsSchema, path + "/items", "items", depth + 1);
                itemsGiven = true;
            }
        }

        var minItems = ReadCount(schema, "minItems", path) ?? 0;
        var maxItems = ReadCount(schema, "maxItems", path);
        if (maxItems < minItems)
        {
            throw new UnsupportedSchemaException("maxItems", path, "Invalid schema: maxItems is below minItems");
        }

        var closedByDefault = false;
        if (!itemsGiven)
        {
            // Items past a prefix are allowed by JSON Schema but not generated, unless minItems needs them.
            closedByDefault = prefix.Count > 0 && minItems <= prefix.Count;
            items = closedByDefault ? null : new AnySchema(path);
        }
        else if (items is NeverSchema)
        {
            items = null;
        }

        return new ArraySchema(path, prefix, items, minItems, maxItems, closedByDefault);
    }

    private StringSchema ReadString(JsonElement schema, string path)
    {
        var minLength = ReadCount(schema, "minLength", path) ?? 0;
        var maxLength = ReadCount(schema, "maxLength", path);
        if (maxLength < minLength)
        {
            throw new UnsupportedSchemaException("maxLength", path, "Invalid schema: maxLength is below minLength");
        }

        string? pattern = null;
        if (schema.TryGetProperty("pattern", out var patternValue))
        {
            pattern = patternValue.ValueKind == JsonValueKind.String
                ? patternValue.GetString()
                : throw new UnsupportedSchemaException("pattern", path, "Invalid schema: 'pattern' must be a string");
        }

        string? format = null;
        if (schema.TryGetProperty("format", out var formatValue))
        {
            format = formatValue.ValueKind == JsonValueKind.String
                ? formatValue.GetString()
                : throw new UnsupportedSchemaException("format", path, "Invalid schema: 'format' must be a string");
            if (!StringFormats.Supported.Contains(format!))
            {
                throw new UnsupportedSchemaException("format", path,
                    $"The format '{format}' is not supported (supported: {string.Join(", ", StringFormats.Supported)})");
            }
        }

        var node = new StringSchema(path, minLength, maxLength, pattern, format);
        SchemaIntersection.RequireExpressible(node);
        return node;
    }

    private static NumberSchema ReadNumber(JsonElement schema, string path, bool integerOnly)
    {
        var minimum = ReadBound(schema, "minimum", path);
        var maximum = ReadBound(schema, "maximum", path);
        var minimumExclusive = false;
        var maximumExclusive = false;
        NumericBound? lower = minimum is { } min ? new NumericBound(min, false) : null;
        NumericBound? upper = maximum is { } max ? new NumericBound(max, false) : null;
        foreach (var (keyword, isLower) in new[] { ("exclusiveMinimum", true), ("exclusiveMaximum", false) })
        {
            if (!schema.TryGetProperty(keyword, out var value))
            {
                continue;
            }

            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                // Draft 4: a flag that makes minimum/maximum exclusive.
                if (isLower) minimumExclusive = value.ValueKind == JsonValueKind.True;
                else maximumExclusive = value.ValueKind == JsonValueKind.True;
                continue;
            }

            var bound = new NumericBound(ReadBound(schema, keyword, path)!.Value, true);
            if (isLower)
            {
                lower = SchemaIntersection.Tighter(lower, bound, isLower: true);
            }
            else
            {
                upper = SchemaIntersection.Tighter(upper, bound, isLower: false);
            }
        }

        if (minimumExclusive && minimum is { } exclusiveMin)
        {
            lower = SchemaIntersection.Tighter(lower, new NumericBound(exclusiveMin, true), isLower: true);
        }

        if (maximumExclusive && maximum is { } exclusiveMax)
        {
            upper = SchemaIntersection.Tighter(upper, new NumericBound(exclusiveMax, true), isLower: false);
        }

        return new NumberSchema(path, integerOnly, lower, upper);
    }

    private RefSchema ReadReference(JsonElement reference, string path)
    {
        if (reference.ValueKind != JsonValueKind.String)
        {
            throw new UnsupportedSchemaException("$ref", path, "Invalid schema: '$ref' must be a string");
        }

        var text = reference.GetString()!;
        if (!text.StartsWith('#'))
        {
            throw new UnsupportedSchemaException("$ref", path,
                $"The remote reference '{text}' is not supported; only references within the schema ('#', '#/$defs/...') are");
        }

        var pointer = Uri.UnescapeDataString(text[1..]);
        if (pointer.Length > 0 && !pointer.StartsWith('/'))
        {
            throw new UnsupportedSchemaException("$ref", path, $"The anchor reference '{text}' is not supported; use a JSON pointer");
        }

        if (Locate(pointer) is null)
        {
            throw new UnsupportedSchemaException("$ref", path, $"Invalid schema: the reference '{text}' points at nothing");
        }

        return new RefSchema(path, pointer);
    }

    private List<SchemaNode> ReadSchemaArray(JsonElement array, string path, string keyword, int depth)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw new UnsupportedSchemaException(keyword, path, $"Invalid schema: '{keyword}' must be a non-empty array of schemas");
        }

        if (array.GetArrayLength() > _limits.MaxAlternatives)
        {
            throw new UnsupportedSchemaException(keyword, path, $"'{keyword}' has more than {_limits.MaxAlternatives} schemas");
        }

        return [.. array.EnumerateArray().Select((item, index) => Read(item, path + "/" + keyword + "/" + index, keyword, depth + 1))];
    }

    private int? ReadCount(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var count) || count < 0 || count != decimal.Truncate(count))
        {
            throw new UnsupportedSchemaException(keyword, path, $"Invalid schema: '{keyword}' must be a non-negative integer");
        }

        if (count > _limits.MaxRepetition)
        {
            throw new UnsupportedSchemaException(keyword, path,
                $"'{keyword}' is {count}, above the limit of {_limits.MaxRepetition} a grammar can spell out");
        }

        return (int)count;
    }

    private static decimal? ReadBound(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new UnsupportedSchemaException(keyword, path, $"Invalid schema: '{keyword}' must be a number");
        }

        // Beyond decimal's range every generated number is inside the bound anyway (they have at most 16 digits).
        return value.TryGetDecimal(out var bound) ? bound : value.GetDouble() > 0 ? decimal.MaxValue : decimal.MinValue;
    }

    private JsonElement? Locate(string pointer)
    {
        var current = _document;
        if (pointer.Length == 0)
        {
            return current;
        }

        foreach (var rawSegment in pointer[1..].Split('/'))
        {
            var segment = rawSegment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index)
                && index >= 0 && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static string EscapePointer(string name) =>
        name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => value.ValueKind.ToString(),
    };
}
