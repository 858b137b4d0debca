namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// <c>x.name</c>, <c>x[key]</c> and slices, as the reference resolves them: on a dict both forms look for the key
/// first and then for a method (<c>items</c>, <c>get</c>, ...); anything missing, and anything of none or
/// undefined, is undefined.
/// </summary>
internal static class Members
{
    public static JinjaValue GetAttribute(JinjaValue target, string name)
    {
        switch (target)
        {
            case DictValue dict:
                return dict.TryGet(name, out var value) ? value : DictMethods.Get(dict, name) ?? UndefinedValue.Named(name);
            case NamespaceValue ns:
                return ns.Attributes.TryGet(name, out var attribute) ? attribute : UndefinedValue.Named(name);
            case LoopValue loop:
                return loop.GetAttribute(name);
            case StringValue text:
                return StringMethods.Get(text, name) ?? UndefinedValue.Named(name);
            case ListValue list:
                return ListMethods.Get(list, name) ?? UndefinedValue.Named(name);
            default:
                return UndefinedValue.Named(name);
        }
    }

    /// <summary>
    /// The callee of <c>x.name(...)</c>: as in Jinja2 a dict's method wins over a key of the same name, so
    /// <c>schema.items()</c> works on a schema that has an "items" key (the reference fails there).
    /// </summary>
    public static JinjaValue GetCallee(JinjaValue target, string name) =>
        target is DictValue dict && DictMethods.Get(dict, name) is { } method ? method : GetAttribute(target, name);

    public static JinjaValue GetItem(JinjaValue target, JinjaValue key)
    {
        if (key is StringValue name)
        {
            return GetAttribute(target, name.Text);
        }

        if (key is IntegerValue index)
        {
            switch (target)
            {
                case ListValue list:
                    var i = index.Value < 0 ? index.Value + list.Count : index.Value;
                    return i >= 0 && i < list.Count ? list.Items[(int)i] : UndefinedValue.Instance;
                case StringValue text:
                    // The reference indexes strings by UTF-16 unit (JavaScript's at()), unlike its slices.
                    var at = index.Value < 0 ? index.Value + text.Length : index.Value;
                    return at >= 0 && at < text.Length ? text.Slice((int)at, 1) : UndefinedValue.Instance;
            }
        }

        if (target is DictValue dict)
        {
            return dict.TryGet(key, out var value) ? value : UndefinedValue.Instance;
        }

        return target switch
        {
            UndefinedValue or NoneValue or NamespaceValue or LoopValue => UndefinedValue.Instance,
            _ => throw new JinjaRenderException($"'{target.TypeName}' indices must be integers or strings, not '{key.TypeName}'."),
        };
    }

    public static JinjaValue Slice(JinjaValue target, JinjaValue? start, JinjaValue? stop, JinjaValue? step, RenderBudget budget)
    {
        switch (target)
        {
            case ListValue list:
                var (from, to, by) = SliceBounds.Resolve(list.Count, start, stop, step);
                var items = new List<JinjaValue>();
                for (var i = from; by > 0 ? i < to : i > to; i += by)
                {
                    items.Add(list.Items[(int)i]);
                }

                budget.Steps(items.Count);
                return new ListValue(items, list.IsTuple, isReadOnly: false);
            case StringValue text:
                return StringOperations.Slice(text, start, stop, step, budget);
            default:
                throw new JinjaRenderException($"Cannot slice a '{target.TypeName}'.");
        }
    }

    /// <summary>Jinja2's attribute paths for filters (<c>map(attribute='function.name')</c>): dotted, integers index lists.</summary>
    public static JinjaValue GetPath(JinjaValue item, JinjaValue path)
    {
        if (path is IntegerValue)
        {
            return GetItem(item, path);
        }

        if (path is not StringValue text)
        {
            throw new JinjaRenderException($"An attribute must be a string or an integer, not '{path.TypeName}'.");
        }

        var value = item;
        foreach (var part in text.Text.Split('.'))
        {
            value = long.TryParse(part, out var index) && value is ListValue ? GetItem(value, IntegerValue.Of(index)) : GetAttribute(value, part);
        }

        return value;
    }
}
