using System.Globalization;
using System.Text;

namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// Hugging Face's <c>tojson</c>: <c>json.dumps(x, ensure_ascii=False, indent=indent, separators=separators,
/// sort_keys=sort_keys)</c>, floats as Python prints them. The result cannot be traced to its inputs character by
/// character, so it is all data when any string in the value is.
/// </summary>
internal static class JsonEncoder
{
    public static StringValue Encode(JinjaValue value, JsonFormat format, RenderBudget budget)
    {
        var writer = new Writer(format, budget);
        writer.Write(value, 0);
        return StringValue.Derived(writer.Text.ToString(), writer.HasData);
    }

    public static void WriteString(StringBuilder text, string value, bool ensureAscii)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    var loneSurrogate = char.IsHighSurrogate(c) ? i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])
                        : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1]));
                    // Control characters always, lone surrogates as JSON.stringify does, non-ASCII when asked
                    // (from U+007F, as the reference's ensure_ascii does).
                    if (c < ' ' || loneSurrogate || (ensureAscii && c >= '\u007f'))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }

    private sealed class Writer(JsonFormat format, RenderBudget budget)
    {
        public StringBuilder Text { get; } = new();

        public bool HasData { get; private set; }

        public void Write(JinjaValue value, int depth)
        {
            budget.CheckValueDepth(depth);
            switch (value)
            {
                case NoneValue:
                    Text.Append("null");
                    break;
                case UndefinedValue:
                    Text.Append(format.UndefinedAsNull ? "null" : "undefined");
                    break;
                case BooleanValue boolean:
                    Text.Append(boolean.Value ? "true" : "false");
                    break;
                case IntegerValue integer:
                    Text.Append(integer.Value.ToString(CultureInfo.InvariantCulture));
                    break;
                case FloatValue number:
                    Text.Append(double.IsFinite(number.Value) ? PythonFloat.Repr(number.Value)
                        : double.IsNaN(number.Value) ? "NaN" : number.Value > 0 ? "Infinity" : "-Infinity");
                    break;
                case StringValue text:
                    HasData |= text.HasData;
                    WriteString(Text, text.Text, format.EnsureAscii);
                    break;
                case ListValue list:
                    WriteList(list.Items, depth);
                    break;
                case DictValue dict:
                    WriteObject(dict.Entries, depth);
                    break;
                case NamespaceValue ns:
                    WriteObject(ns.Attributes.Entries, depth);
                    break;
                case LoopValue loop:
                    WriteObject(LoopValue.AttributeNames.Select(n => new DictEntry(StringValue.FromTemplate(n), loop.GetAttribute(n))), depth);
                    break;
                default:
                    throw new JinjaRenderException($"Object of type '{value.TypeName}' is not JSON serializable.");
            }

            budget.CheckLength(Text.Length);
        }

        private void WriteList(List<JinjaValue> items, int depth)
        {
            if (items.Count == 0)
            {
                Text.Append("[]");
                return;
            }

            Text.Append('[');
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    Text.Append(format.ItemSeparator);
                }

                NewLine(depth + 1);
                Write(items[i], depth + 1);
            }

            NewLine(depth);
            Text.Append(']');
        }

        private void WriteObject(IEnumerable<DictEntry> entries, int depth)
        {
            var list = entries.ToList();
            if (list.Count == 0)
            {
                Text.Append("{}");
                return;
            }

            var keys = list.Select(e => KeyText(e.Key)).ToList();
            var order = Enumerable.Range(0, list.Count).ToList();
            if (format.SortKeys)
            {
                order.Sort((a, b) => string.CompareOrdinal(keys[a], keys[b]) is var c && c != 0 ? c : a.CompareTo(b));
            }

            Text.Append('{');
            for (var i = 0; i < order.Count; i++)
            {
                if (i > 0)
                {
                    Text.Append(format.ItemSeparator);
                }

                var entry = list[order[i]];
                NewLine(depth + 1);
                HasData |= entry.Key is StringValue { HasData: true };
                WriteString(Text, keys[order[i]], format.EnsureAscii);
                Text.Append(format.KeySeparator);
                Write(entry.Value, depth + 1);
            }

            NewLine(depth);
            Text.Append('}');
        }

        /// <summary>JSON keys are strings; json.dumps writes other keys as their JSON text.</summary>
        private static string KeyText(JinjaValue key) => key switch
        {
            StringValue text => text.Text,
            IntegerValue integer => integer.Value.ToString(CultureInfo.InvariantCulture),
            FloatValue number => PythonFloat.Repr(number.Value),
            BooleanValue boolean => boolean.Value ? "true" : "false",
            _ => "null",
        };

        private void NewLine(int depth)
        {
            if (format.Indent is null)
            {
                return;
            }

            Text.Append('\n');
            for (var i = 0; i < depth; i++)
            {
                Text.Append(format.Indent);
            }
        }
    }
}
