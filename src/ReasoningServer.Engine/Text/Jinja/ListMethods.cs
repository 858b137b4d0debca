namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>List methods; the changing ones (<c>append</c>, <c>pop</c>, ...) only work on lists the template made.</summary>
internal static class ListMethods
{
    public static JinjaValue? Get(ListValue list, string name)
    {
        if (name == "length")
        {
            return IntegerValue.Of(list.Count);
        }

        Func<Interpreter, CallArguments, JinjaValue>? method = name switch
        {
            "append" => (_, a) => Append(list, a.Bind(name, "object")[0]),
            "extend" => (i, a) => Extend(i, list, a.Bind(name, "iterable")[0]),
            "insert" => (_, a) => Insert(list, a.Bind(name, "index", "object")),
            "pop" => (_, a) => Pop(list, a.Bind(name, "index")[0]),
            "index" => (i, a) => Index(i, list, a.Bind(name, "value")[0]),
            "count" => (i, a) => Count(i, list, a.Bind(name, "value")[0]),
            _ => null,
        };
        return method is null ? null : new CallableValue($"list.{name}", method);
    }

    private static JinjaValue Append(ListValue list, JinjaValue? item)
    {
        list.EnsureWritable("append");
        list.Items.Add(item ?? throw new JinjaRenderException("append() takes exactly one argument."));
        return NoneValue.Instance;
    }

    private static JinjaValue Extend(Interpreter interpreter, ListValue list, JinjaValue? items)
    {
        list.EnsureWritable("extend");
        var added = Filters.Items(items ?? throw new JinjaRenderException("extend() takes exactly one argument."), "extend");
        interpreter.Budget.Steps(added.Count);
        list.Items.AddRange(added);
        return NoneValue.Instance;
    }

    private static JinjaValue Insert(ListValue list, JinjaValue?[] slots)
    {
        list.EnsureWritable("insert");
        if (slots[0] is not IntegerValue index || slots[1] is null)
        {
            throw new JinjaRenderException("insert() takes an integer index and a value.");
        }

        var at = index.Value < 0 ? Math.Max(0, index.Value + list.Count) : Math.Min(index.Value, list.Count);
        list.Items.Insert((int)at, slots[1]!);
        return NoneValue.Instance;
    }

    private static JinjaValue Pop(ListValue list, JinjaValue? index)
    {
        list.EnsureWritable("pop");
        if (list.Count == 0)
        {
            throw new JinjaRenderException("pop from empty list.");
        }

        var at = index switch
        {
            null => list.Count - 1,
            IntegerValue i => i.Value < 0 ? i.Value + list.Count : i.Value,
            _ => throw new JinjaRenderException("pop() index must be an integer."),
        };
        if (at < 0 || at >= list.Count)
        {
            throw new JinjaRenderException("pop index out of range.");
        }

        var item = list.Items[(int)at];
        list.Items.RemoveAt((int)at);
        return item;
    }

    private static JinjaValue Index(Interpreter interpreter, ListValue list, JinjaValue? value)
    {
        var at = list.Items.FindIndex(item => Operators.Equal(item, value ?? UndefinedValue.Instance, interpreter.Budget, 0));
        return at >= 0 ? IntegerValue.Of(at) : throw new JinjaRenderException("index(): value is not in list.");
    }

    private static JinjaValue Count(Interpreter interpreter, ListValue list, JinjaValue? value) =>
        IntegerValue.Of(list.Items.Count(item => Operators.Equal(item, value ?? UndefinedValue.Instance, interpreter.Budget, 0)));
}
