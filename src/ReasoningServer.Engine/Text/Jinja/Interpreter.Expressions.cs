using System.Runtime.CompilerServices;

namespace ReasoningServer.Engine.Text.Jinja;

internal sealed partial class Interpreter
{
    public JinjaValue Evaluate(Expression expression, Scope scope)
    {
        Budget.Step();
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expression)
        {
            case LiteralExpression literal:
                return literal.Value;
            case NameExpression name:
                return scope.Lookup(name.Name);
            case AttributeExpression attribute:
                return Members.GetAttribute(Evaluate(attribute.Target, scope), attribute.Name);
            case SubscriptExpression subscript:
                var target = Evaluate(subscript.Target, scope);
                return Members.GetItem(target, Evaluate(subscript.Key, scope));
            case SliceExpression slice:
                return Members.Slice(Evaluate(slice.Target, scope), EvaluateOptional(slice.Start, scope),
                    EvaluateOptional(slice.Stop, scope), EvaluateOptional(slice.Step, scope), Budget);
            case BinaryExpression binary:
                return EvaluateBinary(binary, scope);
            case UnaryExpression unary:
                var operand = Evaluate(unary.Operand, scope);
                return unary.Operator == "not" ? BooleanValue.Of(!operand.IsTruthy) : Operators.Sign(unary.Operator, operand);
            case ConditionalExpression conditional:
                if (Evaluate(conditional.Condition, scope).IsTruthy)
                {
                    return Evaluate(conditional.Then, scope);
                }

                return conditional.Otherwise is null ? UndefinedValue.Instance : Evaluate(conditional.Otherwise, scope);
            case FilterExpression filter:
                var value = Evaluate(filter.Operand!, scope);
                var filterArguments = EvaluateArguments(filter.Arguments, scope);
                _position = filter.Position;
                return Filters.Apply(this, filter.Name, value, filterArguments);
            case TestExpression test:
                var tested = Evaluate(test.Operand, scope);
                var result = Tests.Apply(this, test.Name, tested, EvaluateArguments(test.Arguments, scope));
                return BooleanValue.Of(result != test.Negated);
            case CallExpression call:
                return EvaluateCall(call, scope);
            case ListExpression list:
                var items = new List<JinjaValue>(list.Items.Count);
                foreach (var item in list.Items)
                {
                    items.Add(Evaluate(item, scope));
                }

                return new ListValue(items, list.IsTuple, isReadOnly: false);
            case DictExpression dict:
                var entries = new DictValue();
                foreach (var (keyExpression, valueExpression) in dict.Items)
                {
                    entries.Set(Evaluate(keyExpression, scope), Evaluate(valueExpression, scope));
                }

                return entries;
            default:
                throw new JinjaRenderException($"Cannot evaluate {expression.GetType().Name}.");
        }
    }

    private JinjaValue? EvaluateOptional(Expression? expression, Scope scope) => expression is null ? null : Evaluate(expression, scope);

    private JinjaValue EvaluateBinary(BinaryExpression binary, Scope scope)
    {
        var left = Evaluate(binary.Left, scope);
        switch (binary.Operator)
        {
            case "and":
                return left.IsTruthy ? Evaluate(binary.Right, scope) : left;
            case "or":
                return left.IsTruthy ? left : Evaluate(binary.Right, scope);
        }

        var right = Evaluate(binary.Right, scope);
        return Operators.Binary(binary.Operator, left, right, Budget);
    }

    private JinjaValue EvaluateCall(CallExpression call, Scope scope)
    {
        // The reference evaluates the arguments before the callee.
        var arguments = EvaluateArguments(call.Arguments, scope);
        var callee = call.Callee is AttributeExpression method
            ? Members.GetCallee(Evaluate(method.Target, scope), method.Name)
            : Evaluate(call.Callee, scope);
        if (callee is not CallableValue function)
        {
            throw new JinjaRenderException($"{Describe(callee)} is not callable.");
        }

        _position = call.Position;
        return function.Invoke(this, arguments);
    }

    public CallArguments EvaluateArguments(ArgumentList arguments, Scope scope)
    {
        if (arguments.Positional.Count == 0 && arguments.Keyword.Count == 0 && arguments.Spread is null && arguments.KeywordSpread is null)
        {
            return CallArguments.Empty;
        }

        var positional = new List<JinjaValue>(arguments.Positional.Count);
        foreach (var argument in arguments.Positional)
        {
            positional.Add(Evaluate(argument, scope));
        }

        if (arguments.Spread is not null)
        {
            if (Evaluate(arguments.Spread, scope) is not ListValue spread)
            {
                throw new JinjaRenderException("Only a list or tuple can be unpacked with '*'.");
            }

            positional.AddRange(spread.Items);
        }

        var keyword = new List<KeyValuePair<string, JinjaValue>>(arguments.Keyword.Count);
        void AddKeyword(string name, JinjaValue value)
        {
            if (keyword.Exists(k => k.Key == name))
            {
                throw new JinjaRenderException($"Got multiple values for keyword argument '{name}'.");
            }

            keyword.Add(new(name, value));
        }

        foreach (var (name, expression) in arguments.Keyword)
        {
            AddKeyword(name, Evaluate(expression, scope));
        }

        if (arguments.KeywordSpread is not null)
        {
            if (Evaluate(arguments.KeywordSpread, scope) is not DictValue spread)
            {
                throw new JinjaRenderException("Only a mapping can be unpacked with '**'.");
            }

            foreach (var entry in spread.Entries)
            {
                AddKeyword((entry.Key as StringValue)?.Text ?? throw new JinjaRenderException("Keywords passed with '**' must be strings."), entry.Value);
            }
        }

        return new CallArguments(positional, keyword);
    }
}
