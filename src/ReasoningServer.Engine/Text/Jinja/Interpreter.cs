using System.Runtime.CompilerServices;

namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// Runs a parsed template once. Statements write straight into one output builder (blocks whose text becomes a
/// value, such as macro bodies, get their own), so output is built once, with its provenance, in linear time.
/// </summary>
internal sealed partial class Interpreter
{
    private readonly SourceMap _map;
    private readonly Func<DateTimeOffset> _clock;
    private int _position;

    public Interpreter(SourceMap map, RenderBudget budget, Func<DateTimeOffset> clock)
    {
        _map = map;
        Budget = budget;
        _clock = clock;
    }

    public RenderBudget Budget { get; }

    public DateTimeOffset Now() => _clock();

    public RenderedText Render(IReadOnlyList<Statement> body, Scope scope)
    {
        var output = Budget.NewBuilder();
        try
        {
            Execute(body, scope, output);
        }
        catch (JinjaRenderException error)
        {
            throw Located(error);
        }
        catch (InsufficientExecutionStackException error)
        {
            throw Located(new JinjaRenderException("The template nests too deeply for the stack.", error));
        }
        catch (Exception error) when (error is not (JinjaException or OutOfMemoryException))
        {
            // Whatever a template does, the host sees a template failure, never an unexpected exception type.
            throw Located(new JinjaRenderException($"The template failed: {error.Message}", error));
        }

        return output.ToRenderedText();
    }

    /// <summary>Adds the line and column of the statement or call that failed.</summary>
    private JinjaRenderException Located(JinjaRenderException error)
    {
        var (line, column) = _map.LineColumn(_position);
        return new JinjaRenderException($"{line}:{column}: {error.Message}", error);
    }

    private Flow Execute(IReadOnlyList<Statement> body, Scope scope, TextBuilder output)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        foreach (var statement in body)
        {
            Budget.Step();
            _position = statement.Position;
            switch (statement)
            {
                case TextStatement literal:
                    output.Append(literal.Text);
                    break;
                case OutputStatement print:
                    Print(Evaluate(print.Value, scope), output);
                    break;
                case IfStatement branch:
                    var flow = Execute(Evaluate(branch.Condition, scope).IsTruthy ? branch.Body : branch.Otherwise, scope, output);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }

                    break;
                case ForStatement loop:
                    ExecuteFor(loop, scope, output);
                    break;
                case SetStatement set:
                    ExecuteSet(set, scope);
                    break;
                case MacroStatement macro:
                    scope.Set(macro.Name, DefineMacro(macro, scope));
                    break;
                case CallBlockStatement call:
                    Print(ExecuteCallBlock(call, scope), output);
                    break;
                case FilterBlockStatement filter:
                    var captured = Capture(filter.Body, scope);
                    _position = filter.Filter.Position;
                    Print(Filters.Apply(this, filter.Filter.Name, captured, EvaluateArguments(filter.Filter.Arguments, scope)), output);
                    break;
                case LoopControlStatement control:
                    return control.IsBreak ? Flow.Break : Flow.Continue;
            }
        }

        return Flow.Normal;
    }

    private void Print(JinjaValue value, TextBuilder output)
    {
        var text = ValueFormatter.ToOutput(value, Budget);
        if (text is not null)
        {
            output.Append(text);
        }
    }

    /// <summary>Renders a block into a string value (block set, filter block, macro body).</summary>
    private StringValue Capture(IReadOnlyList<Statement> body, Scope scope)
    {
        var output = Budget.NewBuilder();
        Execute(body, scope, output);
        return output.ToValue();
    }

    private void ExecuteFor(ForStatement loop, Scope scope, TextBuilder output)
    {
        // One scope for the whole loop: the reference keeps values set in one iteration visible in the next.
        var loopScope = new Scope(scope);
        var iterable = Evaluate(loop.Iterable, loopScope);
        var candidates = Iterate(iterable);
        IReadOnlyList<JinjaValue> items = candidates;
        if (loop.Filter is not null || loop.Target is ListExpression)
        {
            var kept = new List<JinjaValue>(candidates.Count);
            foreach (var candidate in candidates)
            {
                Budget.Step();
                var filterScope = new Scope(loopScope);
                Bind(loop.Target, candidate, filterScope);
                if (loop.Filter is null || Evaluate(loop.Filter, filterScope).IsTruthy)
                {
                    kept.Add(candidate);
                }
            }

            items = kept;
        }

        var completedAny = false;
        for (var i = 0; i < items.Count; i++)
        {
            Budget.Step();
            loopScope.Set("loop", new LoopValue(i, items));
            Bind(loop.Target, items[i], loopScope);
            var flow = Execute(loop.Body, loopScope, output);
            if (flow == Flow.Break)
            {
                break;
            }

            // Like the reference (and Jinja2), the else block runs unless some iteration ran to its end.
            completedAny |= flow == Flow.Normal;
        }

        if (!completedAny)
        {
            Execute(loop.Otherwise, loopScope, output);
        }
    }

    /// <summary>The items a for loop visits: a list's items, a dict's keys, a string's characters; undefined gives none, as in Jinja2.</summary>
    private List<JinjaValue> Iterate(JinjaValue value)
    {
        switch (value)
        {
            case ListValue list:
                return [.. list.Items];
            case DictValue dict:
                return dict.Entries.Select(e => (JinjaValue)e.Key).ToList();
            case StringValue text:
                return StringOperations.CodePoints(text);
            case UndefinedValue:
                return [];
            default:
                throw new JinjaRenderException($"'{value.TypeName}' object is not iterable.");
        }
    }

    private void Bind(Expression target, JinjaValue value, Scope scope)
    {
        if (target is NameExpression name)
        {
            scope.Set(name.Name, value);
            return;
        }

        var names = ((ListExpression)target).Items;
        if (value is not ListValue list)
        {
            throw new JinjaRenderException($"Cannot unpack a '{value.TypeName}' into {names.Count} names.");
        }

        if (list.Count != names.Count)
        {
            throw new JinjaRenderException($"Too {(list.Count < names.Count ? "few" : "many")} values to unpack (expected {names.Count}, got {list.Count}).");
        }

        for (var i = 0; i < names.Count; i++)
        {
            scope.Set(((NameExpression)names[i]).Name, list.Items[i]);
        }
    }

    private void ExecuteSet(SetStatement set, Scope scope)
    {
        JinjaValue value = set.Value is null ? Capture(set.Body, scope) : Evaluate(set.Value, scope);
        if (set.Target is AttributeExpression attribute)
        {
            if (Evaluate(attribute.Target, scope) is not NamespaceValue ns)
            {
                throw new JinjaRenderException($"Cannot set attribute '{attribute.Name}': only a namespace() takes attributes.");
            }

            ns.Attributes.Set(StringValue.FromTemplate(attribute.Name), value);
            return;
        }

        Bind(set.Target, value, scope);
    }

    private CallableValue DefineMacro(MacroStatement macro, Scope closure) =>
        new(macro.Name, (interpreter, arguments) => interpreter.InvokeMacro(macro, closure, arguments));

    private StringValue InvokeMacro(MacroStatement macro, Scope closure, CallArguments arguments)
    {
        Budget.EnterCall(macro.Name);
        var position = _position;
        try
        {
            var parent = closure;
            if (macro.UsedNames.HasFlag(MacroNames.Caller))
            {
                parent = new Scope(closure);
                parent.Set("caller", arguments.Caller ?? UndefinedValue.Named("caller"));
            }

            var scope = new Scope(parent);
            BindParameters(macro, arguments, scope);
            return Capture(macro.Body, scope);
        }
        finally
        {
            Budget.ExitCall();
            _position = position;
        }
    }

    private void BindParameters(MacroStatement macro, CallArguments arguments, Scope scope)
    {
        var keyword = new List<KeyValuePair<string, JinjaValue>>(arguments.Keyword);
        var pendingDefaults = new List<Parameter>();
        for (var i = 0; i < macro.Parameters.Count; i++)
        {
            var parameter = macro.Parameters[i];
            JinjaValue? value = i < arguments.Positional.Count ? arguments.Positional[i] : null;
            var named = keyword.FindIndex(k => k.Key == parameter.Name);
            if (named >= 0)
            {
                if (value is not null)
                {
                    throw new JinjaRenderException($"Macro '{macro.Name}' got multiple values for argument '{parameter.Name}'.");
                }

                value = keyword[named].Value;
                keyword.RemoveAt(named);
            }

            if (value is null && parameter.Default is not null)
            {
                pendingDefaults.Add(parameter);
            }

            scope.Set(parameter.Name, value ?? UndefinedValue.Named(parameter.Name));
        }

        if (macro.UsedNames.HasFlag(MacroNames.Kwargs))
        {
            var kwargs = new DictValue();
            foreach (var (name, value) in keyword)
            {
                kwargs.Set(StringValue.FromTemplate(name), value);
            }

            scope.Set("kwargs", kwargs);
        }
        else if (keyword.Count > 0)
        {
            throw new JinjaRenderException($"Macro '{macro.Name}' takes no keyword argument '{keyword[0].Key}'.");
        }

        var extra = arguments.Positional.Skip(macro.Parameters.Count).ToList();
        if (macro.UsedNames.HasFlag(MacroNames.Varargs))
        {
            scope.Set("varargs", new ListValue(extra, isTuple: true, isReadOnly: false));
        }
        else if (extra.Count > 0)
        {
            throw new JinjaRenderException($"Macro '{macro.Name}' takes at most {macro.Parameters.Count} argument(s).");
        }

        foreach (var parameter in pendingDefaults)
        {
            scope.Set(parameter.Name, Evaluate(parameter.Default!, scope));
        }
    }

    private JinjaValue ExecuteCallBlock(CallBlockStatement block, Scope scope)
    {
        var caller = DefineMacro(block.Caller, scope);
        var arguments = EvaluateArguments(block.Call.Arguments, scope);
        var callee = Evaluate(block.Call.Callee, scope);
        if (callee is not CallableValue function)
        {
            throw new JinjaRenderException($"{Describe(callee)} is not callable.");
        }

        _position = block.Position;
        return function.Invoke(this, new CallArguments(arguments.Positional, arguments.Keyword) { Caller = caller });
    }

    private static string Describe(JinjaValue value) => value is UndefinedValue undefined ? undefined.Describe() : $"A '{value.TypeName}' value";
}
