using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// Compact JSON text of a value, for <c>const</c>/<c>enum</c> literals and for comparing values. Non-ASCII stays
/// as it is (the model writes it as UTF-8), control characters and lone surrogates become escapes, numbers keep the
/// schema's own spelling, so the text parses back to an equal value.
/// </summary>
internal static class CanonicalJson
{
    public static string Write(JsonElement value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    /// <summary>JSON Schema equality: numbers by value (1 equals 1.0), objects regardless of member order.</summary>
    public static bool AreEqual(JsonElement left, JsonElement right)
    {
        if (left.ValueKind == JsonValueKind.Number && right.ValueKind == JsonValueKind.Number)
        {
            return left.TryGetDecimal(out var a) && right.TryGetDecimal(out var b)
                ? a == b
                : left.GetDouble().Equals(right.GetDouble());
        }

        if (left.ValueKind != right.ValueKind)
        {
            return false;
        }

        switch (left.ValueKind)
        {
            case JsonValueKind.String:
                return left.GetString() == right.GetString();
            case JsonValueKind.Array:
                return left.GetArrayLength() == right.GetArrayLength()
                    && left.EnumerateArray().Zip(right.EnumerateArray()).All(pair => AreEqual(pair.First, pair.Second));
            case JsonValueKind.Object:
                var leftMembers = left.EnumerateObject().ToList();
                var rightMembers = right.EnumerateObject().ToList();
                return leftMembers.Count == rightMembers.Count && leftMembers.All(member =>
                    right.TryGetProperty(member.Name, out var other) && AreEqual(member.Value, other));
            default:
                return true;
        }
    }

    private static void Append(StringBuilder builder, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var firstMember = true;
                foreach (var member in value.EnumerateObject())
                {
                    if (!firstMember)
                    {
                        builder.Append(',');
                    }

                    firstMember = false;
                    AppendString(builder, member.Name);
                    builder.Append(':');
                    Append(builder, member.Value);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        builder.Append(',');
                    }

                    firstItem = false;
                    Append(builder, item);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                AppendString(builder, value.GetString()!);
                break;
            default:
                // Numbers, true, false and null: the raw text is already compact and valid.
                builder.Append(value.GetRawText());
                break;
        }
    }

    public static void AppendString(StringBuilder builder, string text)
    {
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
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    var pairedSurrogate = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                    if (c < 0x20 || (char.IsSurrogate(c) && !pairedSurrogate))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (pairedSurrogate)
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
