using System.Globalization;
using System.Text.Json;

namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// A value a template sees: none, undefined, booleans, integers and floats (distinct, as in Python), strings that
/// remember which of their characters came from host data, lists and insertion-ordered dictionaries.
/// </summary>
public abstract class JinjaValue
{
    // Past this depth FromJson refuses the value: rendering walks values recursively, and user JSON is untrusted.
    private const int MaxJsonDepth = 256;

    private protected JinjaValue()
    {
    }

    public static JinjaValue None => NoneValue.Instance;

    /// <summary>What a missing variable or attribute evaluates to: prints as nothing, is falsy, is not <c>defined</c>.</summary>
    public static JinjaValue Undefined => UndefinedValue.Instance;

    public static JinjaValue True => BooleanValue.True;

    public static JinjaValue False => BooleanValue.False;

    /// <summary>Python's name for the value's type, for error messages.</summary>
    internal abstract string TypeName { get; }

    /// <summary>Python truthiness: none, undefined, false, zero and empty strings and collections are false.</summary>
    internal abstract bool IsTruthy { get; }

    /// <summary>A string the host took from users or other untrusted input: it can never become control tokens.</summary>
    public static JinjaValue Data(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return StringValue.FromData(text);
    }

    /// <summary>A trusted string, such as <c>bos_token</c>: it renders with the template's own provenance.</summary>
    public static JinjaValue String(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return StringValue.FromTemplate(text);
    }

    public static JinjaValue From(long value) => new IntegerValue(value);

    public static JinjaValue From(double value) => new FloatValue(value);

    public static JinjaValue From(bool value) => value ? BooleanValue.True : BooleanValue.False;

    /// <summary>A list; templates may read it but not change it (<c>append</c> on it fails).</summary>
    public static JinjaValue List(IEnumerable<JinjaValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = new List<JinjaValue>();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            list.Add(item);
        }

        return new ListValue(list, isTuple: false, isReadOnly: true);
    }

    /// <summary>A dictionary in the given order (a repeated key keeps its first place and its last value); keys are trusted text.</summary>
    public static JinjaValue Dict(IEnumerable<KeyValuePair<string, JinjaValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var dict = new DictValue();
        foreach (var (key, value) in entries)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(entries));
            ArgumentNullException.ThrowIfNull(value, nameof(entries));
            dict.Set(StringValue.FromTemplate(key), value);
        }

        return dict;
    }

    /// <summary>
    /// Converts JSON: every string in it (keys too) is data; a number written without a fraction or exponent is
    /// an integer, any other a float; object key order is kept.
    /// </summary>
    /// <exception cref="JinjaException">The JSON nests deeper than 256 levels.</exception>
    public static JinjaValue FromJson(JsonElement element) => FromJson(element, 0);

    /// <summary>The value as <c>{{ value }}</c> would print it.</summary>
    public override string ToString() => ValueFormatter.ToOutput(this, RenderBudget.Unbounded())?.Text ?? string.Empty;

    private static JinjaValue FromJson(JsonElement element, int depth)
    {
        if (depth > MaxJsonDepth)
        {
            throw new JinjaException($"JSON value nests deeper than {MaxJsonDepth} levels.");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return NoneValue.Instance;
            case JsonValueKind.True:
                return BooleanValue.True;
            case JsonValueKind.False:
                return BooleanValue.False;
            case JsonValueKind.String:
                return StringValue.FromData(element.GetString()!);
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0 && element.TryGetInt64(out var integer))
                {
                    return new IntegerValue(integer);
                }

                return new FloatValue(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
            case JsonValueKind.Array:
                var items = new List<JinjaValue>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(FromJson(item, depth + 1));
                }

                return new ListValue(items, isTuple: false, isReadOnly: true);
            case JsonValueKind.Object:
                var dict = new DictValue();
                foreach (var property in element.EnumerateObject())
                {
                    dict.Set(StringValue.FromData(property.Name), FromJson(property.Value, depth + 1));
                }

                return dict;
            default:
                return UndefinedValue.Instance;
        }
    }
}
