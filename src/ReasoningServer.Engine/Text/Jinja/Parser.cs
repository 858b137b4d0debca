using System.Globalization;
using System.Runtime.CompilerServices;

namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// Builds the statement tree from tokens with @huggingface/jinja's grammar and operator precedence (lowest first:
/// conditional, or, and, not, comparison and <c>in</c>, <c>+ - ~</c>, <c>* / // %</c>, <c>**</c>, <c>is</c>,
/// <c>|</c>, unary sign, call and member access), plus Jinja2's test arguments and empty tuples.
/// </summary>
internal sealed class Parser
{
    // Templates from model files nest a few levels; a bound keeps hostile ones from exhausting the stack.
    private const int MaxNesting = 128;

    private readonly List<Token> _tokens;
    private readonly SourceMap _map;
    private readonly List<MacroNames> _macroFrames = [];
    private int _current;
    private int _nesting;
    private int _loopDepth;

    private Parser(List<Token> tokens, SourceMap map)
    {
        _tokens = tokens;
        _map = map;
    }

    public static IReadOnlyList<Statement> Parse(SourceMap map)
    {
        var parser = new Parser(Lexer.Tokenize(map), map);
        var body = new List<Statement>();
        while (parser._current < parser._tokens.Count)
        {
            parser.ParseAny(body);
        }

        return body;
    }

    private Token? Peek(int offset = 0) => _current + offset < _tokens.Count ? _tokens[_current + offset] : null;

    private bool Is(TokenKind kind) => Peek()?.Kind == kind;

    private bool IsName(string name, int offset = 0) => Peek(offset) is { Kind: TokenKind.Name } token && token.Value == name;

    private bool IsStatement(params string[] names) =>
        Is(TokenKind.OpenStatement) && Peek(1) is { Kind: TokenKind.Name } name && names.Contains(name.Value);

    private int Position => Peek()?.Position ?? _map.Text.Length;

    private JinjaParseException Error(string message) => _map.Error(Position, message);

    private Token Expect(TokenKind kind, string what)
    {
        var token = Peek();
        if (token?.Kind != kind)
        {
            throw Error(token is null ? $"Expected {what}, reached the end of the template." : $"Expected {what}, found '{Describe(token.Value)}'.");
        }

        _current++;
        return token.Value;
    }

    private void ExpectName(string name)
    {
        if (!IsName(name))
        {
            throw Error($"Expected '{name}'.");
        }

        _current++;
    }

    private void ExpectEndTag(string name)
    {
        Expect(TokenKind.OpenStatement, $"'{{% {name} %}}'");
        ExpectName(name);
        Expect(TokenKind.CloseStatement, "'%}'");
    }

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.Text => "text",
        TokenKind.String => "string literal",
        _ => token.Value,
    };

    private void ParseAny(List<Statement> body)
    {
        var token = Peek()!.Value;
        switch (token.Kind)
        {
            case TokenKind.Comment:
                _current++;
                break;
            case TokenKind.Text:
                _current++;
                body.Add(new TextStatement(token.Position, token.Value));
                break;
            case TokenKind.OpenStatement:
                body.Add(ParseStatement());
                break;
            case TokenKind.OpenExpression:
                _current++;
                var value = ParseExpression();
                Expect(TokenKind.CloseExpression, "'}}'");
                body.Add(new OutputStatement(token.Position, value));
                break;
            default:
                throw Error($"Unexpected '{Describe(token)}'.");
        }
    }

    /// <summary>Statements up to (not including) a <c>{% name %}</c> tag with one of <paramref name="terminators"/>.</summary>
    private List<Statement> ParseBody(int openedAt, string opener, params string[] terminators)
    {
        var body = new List<Statement>();
        while (!IsStatement(terminators))
        {
            if (_current >= _tokens.Count)
            {
                throw _map.Error(openedAt, $"'{{% {opener} %}}' is never closed (expected '{{% {terminators[^1]} %}}').");
            }

            ParseAny(body);
        }

        return body;
    }

    private Statement ParseStatement()
    {
        var open = Expect(TokenKind.OpenStatement, "'{%'");
        var nameToken = Peek();
        if (nameToken?.Kind != TokenKind.Name)
        {
            throw Error("Expected a statement name after '{%'.");
        }

        EnterNesting();
        try
        {
            var name = nameToken.Value.Value;
            _current++;
            switch (name)
            {
                case "set":
                    return ParseSet(open.Position);
                case "if":
                    var ifStatement = ParseIf(open.Position);
                    ExpectEndTag("endif");
                    return ifStatement;
                case "for":
                    return ParseFor(open.Position);
                case "macro":
                    return ParseMacro(open.Position);
                case "call":
                    return ParseCallBlock(open.Position);
                case "filter":
                    return ParseFilterBlock(open.Position);
                case "break" or "continue":
                    if (_loopDepth == 0)
                    {
                        throw _map.Error(open.Position, $"'{{% {name} %}}' outside a for loop.");
                    }

                    Expect(TokenKind.CloseStatement, "'%}'");
                    return new LoopControlStatement(open.Position, name == "break");
                default:
                    throw _map.Error(nameToken.Value.Position, $"Unknown or unexpected statement '{name}'.");
            }
        }
        finally
        {
            _nesting--;
        }
    }

    private SetStatement ParseSet(int position)
    {
        var target = ParseExpressionSequence(primary: false);
        if (target is not (NameExpression or AttributeExpression) && !(target is ListExpression { IsTuple: true } tuple && tuple.Items.All(i => i is NameExpression)))
        {
            throw _map.Error(target.Position, "Can only set a name, names separated by commas, or namespace.attribute.");
        }

        if (Is(TokenKind.Equals))
        {
            _current++;
            var value = ParseExpressionSequence(primary: false);
            Expect(TokenKind.CloseStatement, "'%}'");
            return new SetStatement(position, target, value, []);
        }

        Expect(TokenKind.CloseStatement, "'=' or '%}'");
        var body = ParseBody(position, "set", "endset");
        ExpectEndTag("endset");
        return new SetStatement(position, target, null, body);
    }

    private IfStatement ParseIf(int position)
    {
        var condition = ParseExpression();
        Expect(TokenKind.CloseStatement, "'%}'");
        var body = ParseBody(position, "if", "elif", "else", "endif");
        List<Statement> otherwise = [];
        if (IsStatement("elif"))
        {
            var elifPosition = Position;
            _current += 2;
            otherwise.Add(ParseIf(elifPosition));
        }
        else if (IsStatement("else"))
        {
            _current += 2;
            Expect(TokenKind.CloseStatement, "'%}'");
            otherwise = ParseBody(position, "if", "endif");
        }

        return new IfStatement(position, condition, body, otherwise);
    }

    private ForStatement ParseFor(int position)
    {
        var target = ParseExpressionSequence(primary: true);
        if (target is not NameExpression && !(target is ListExpression { IsTuple: true } tuple && tuple.Items.All(i => i is NameExpression)))
        {
            throw _map.Error(target.Position, "A for loop needs a name or names separated by commas before 'in'.");
        }

        if (!IsName("in"))
        {
            throw Error("Expected 'in' after the loop variable.");
        }

        _current++;
        var iterable = ParseExpression();
        Expression? filter = null;
        if (iterable is ConditionalExpression { Otherwise: null } select)
        {
            // "for x in xs if cond" filters the items, as in the reference (and Jinja2).
            iterable = select.Then;
            filter = select.Condition;
        }

        Expect(TokenKind.CloseStatement, "'%}'");
        _loopDepth++;
        var body = ParseBody(position, "for", "else", "endfor");
        _loopDepth--;
        List<Statement> otherwise = [];
        if (IsStatement("else"))
        {
            _current += 2;
            Expect(TokenKind.CloseStatement, "'%}'");
            otherwise = ParseBody(position, "for", "endfor");
        }

        ExpectEndTag("endfor");
        return new ForStatement(position, target, iterable, filter, body, otherwise);
    }

    private MacroStatement ParseMacro(int position)
    {
        var name = Expect(TokenKind.Name, "the macro's name").Value;
        var parameters = ParseParameters();
        Expect(TokenKind.CloseStatement, "'%}'");
        var macro = ParseMacroBody(position, name, parameters, "macro", "endmacro");
        ExpectEndTag("endmacro");
        return macro;
    }

    private MacroStatement ParseMacroBody(int position, string name, List<Parameter> parameters, string opener, string terminator)
    {
        _macroFrames.Add(MacroNames.None);
        var loopDepth = _loopDepth;
        _loopDepth = 0;
        var body = ParseBody(position, opener, terminator);
        _loopDepth = loopDepth;
        var used = _macroFrames[^1];
        _macroFrames.RemoveAt(_macroFrames.Count - 1);
        foreach (var parameter in parameters)
        {
            used &= ~SpecialName(parameter.Name);
        }

        return new MacroStatement(position, name, parameters, body, used);
    }

    private CallBlockStatement ParseCallBlock(int position)
    {
        var parameters = Is(TokenKind.OpenParen) ? ParseParameters() : [];
        var calleeStart = Position;
        var callee = ParseMember(ParsePrimary());
        if (callee is not (NameExpression or AttributeExpression))
        {
            throw _map.Error(calleeStart, "Expected a macro name after 'call'.");
        }

        if (!Is(TokenKind.OpenParen))
        {
            throw Error("Expected '(' after the macro called by 'call'.");
        }

        var call = new CallExpression(calleeStart, callee, ParseArguments());
        Expect(TokenKind.CloseStatement, "'%}'");
        var caller = ParseMacroBody(position, "caller", parameters, "call", "endcall");
        ExpectEndTag("endcall");
        return new CallBlockStatement(position, call, caller);
    }

    private FilterBlockStatement ParseFilterBlock(int position)
    {
        var nameToken = Expect(TokenKind.Name, "a filter name");
        var arguments = Is(TokenKind.OpenParen) ? ParseArguments() : ArgumentList.Empty;
        Expect(TokenKind.CloseStatement, "'%}'");
        var body = ParseBody(position, "filter", "endfilter");
        ExpectEndTag("endfilter");
        return new FilterBlockStatement(position, new FilterExpression(nameToken.Position, null, nameToken.Value, arguments), body);
    }

    private Expression ParseExpressionSequence(bool primary)
    {
        var position = Position;
        var first = primary ? ParsePrimary() : ParseExpression();
        if (!Is(TokenKind.Comma))
        {
            return first;
        }

        var items = new List<Expression> { first };
        while (Is(TokenKind.Comma))
        {
            _current++;
            items.Add(primary ? ParsePrimary() : ParseExpression());
        }

        return new ListExpression(position, items, isTuple: true);
    }

    private Expression ParseExpression()
    {
        EnterNesting();
        try
        {
            return ParseConditional();
        }
        finally
        {
            _nesting--;
        }
    }

    private Expression ParseConditional()
    {
        var position = Position;
        var value = ParseOr();
        if (!IsName("if"))
        {
            return value;
        }

        _current++;
        var condition = ParseOr();
        if (!IsName("else"))
        {
            return new ConditionalExpression(position, condition, value, null);
        }

        _current++;
        return new ConditionalExpression(position, condition, value, ParseConditional());
    }

    private Expression ParseOr()
    {
        var left = ParseAnd();
        while (IsName("or"))
        {
            var position = Position;
            _current++;
            left = new BinaryExpression(position, "or", left, ParseAnd());
        }

        return left;
    }

    private Expression ParseAnd()
    {
        var left = ParseNot();
        while (IsName("and"))
        {
            var position = Position;
            _current++;
            left = new BinaryExpression(position, "and", left, ParseNot());
        }

        return left;
    }

    private Expression ParseNot()
    {
        if (!IsName("not"))
        {
            return ParseComparison();
        }

        var position = Position;
        _current++;
        EnterNesting();
        try
        {
            return new UnaryExpression(position, "not", ParseNot());
        }
        finally
        {
            _nesting--;
        }
    }

    private Expression ParseComparison()
    {
        var left = ParseAdditive();
        while (true)
        {
            var position = Position;
            string op;
            if (IsName("not") && IsName("in", 1))
            {
                op = "not in";
                _current += 2;
            }
            else if (IsName("in"))
            {
                op = "in";
                _current++;
            }
            else if (Is(TokenKind.Comparison))
            {
                op = _tokens[_current++].Value;
            }
            else
            {
                return left;
            }

            left = new BinaryExpression(position, op, left, ParseAdditive());
        }
    }

    private Expression ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Is(TokenKind.Additive))
        {
            var token = _tokens[_current++];
            left = new BinaryExpression(token.Position, token.Value, left, ParseMultiplicative());
        }

        return left;
    }

    private Expression ParseMultiplicative()
    {
        var left = ParsePower();
        while (Is(TokenKind.Multiplicative))
        {
            var token = _tokens[_current++];
            left = new BinaryExpression(token.Position, token.Value, left, ParsePower());
        }

        return left;
    }

    private Expression ParsePower()
    {
        var left = ParseTest();
        while (Is(TokenKind.Power))
        {
            var token = _tokens[_current++];
            left = new BinaryExpression(token.Position, token.Value, left, ParseTest());
        }

        return left;
    }

    private Expression ParseTest()
    {
        var operand = ParseFilter();
        while (IsName("is"))
        {
            var position = Position;
            _current++;
            var negated = IsName("not");
            if (negated)
            {
                _current++;
            }

            var name = Expect(TokenKind.Name, "a test name after 'is'").Value;
            operand = new TestExpression(position, operand, name, negated, ParseTestArguments());
        }

        return operand;
    }

    /// <summary>Jinja2 lets a test take arguments in parentheses or one bare argument: <c>is divisibleby 3</c>.</summary>
    private ArgumentList ParseTestArguments()
    {
        if (Is(TokenKind.OpenParen))
        {
            return ParseArguments();
        }

        var token = Peek();
        var startsArgument = token?.Kind switch
        {
            TokenKind.Number or TokenKind.String or TokenKind.OpenBracket or TokenKind.OpenBrace => true,
            TokenKind.Name => token.Value.Value is not ("and" or "or" or "else" or "if" or "in" or "not" or "is"),
            _ => false,
        };
        return startsArgument ? new ArgumentList([ParseMember(ParsePrimary())], null, [], null) : ArgumentList.Empty;
    }

    private Expression ParseFilter()
    {
        var operand = ParseUnarySign();
        while (Is(TokenKind.Pipe))
        {
            _current++;
            var name = Expect(TokenKind.Name, "a filter name after '|'");
            var arguments = Is(TokenKind.OpenParen) ? ParseArguments() : ArgumentList.Empty;
            operand = new FilterExpression(name.Position, operand, name.Value, arguments);
        }

        return operand;
    }

    private Expression ParseUnarySign()
    {
        if (Peek() is { Kind: TokenKind.Unary or TokenKind.Additive, Value: "-" or "+" } sign)
        {
            _current++;
            EnterNesting();
            try
            {
                return new UnaryExpression(sign.Position, sign.Value, ParseUnarySign());
            }
            finally
            {
                _nesting--;
            }
        }

        var member = ParseMember(ParsePrimary());
        return Is(TokenKind.OpenParen) ? ParseCall(member) : member;
    }

    private Expression ParseCall(Expression callee)
    {
        while (true)
        {
            var call = new CallExpression(callee.Position, callee, ParseArguments());
            var member = ParseMember(call);
            if (!Is(TokenKind.OpenParen))
            {
                return member;
            }

            callee = member;
        }
    }

    private Expression ParseMember(Expression target)
    {
        while (Is(TokenKind.Dot) || Is(TokenKind.OpenBracket))
        {
            var opener = _tokens[_current++];
            if (opener.Kind == TokenKind.Dot)
            {
                var property = Peek();
                if (property is { Kind: TokenKind.Name } name)
                {
                    _current++;
                    target = new AttributeExpression(opener.Position, target, name.Value);
                }
                else if (property is { Kind: TokenKind.Number } number && long.TryParse(number.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                {
                    _current++;
                    target = new SubscriptExpression(opener.Position, target, new LiteralExpression(number.Position, IntegerValue.Of(index)));
                }
                else
                {
                    throw Error("Expected a name or an integer after '.'.");
                }

                continue;
            }

            target = ParseSubscript(opener.Position, target);
            Expect(TokenKind.CloseBracket, "']'");
        }

        return target;
    }

    /// <summary>The inside of <c>[...]</c>: one key, or up to three slice parts separated by colons.</summary>
    private Expression ParseSubscript(int position, Expression target)
    {
        var parts = new List<Expression?>();
        var isSlice = false;
        while (!Is(TokenKind.CloseBracket))
        {
            if (Peek() is null)
            {
                throw Error("Expected ']'.");
            }

            if (Is(TokenKind.Colon))
            {
                parts.Add(null);
                _current++;
                isSlice = true;
                continue;
            }

            parts.Add(ParseExpression());
            if (Is(TokenKind.Colon))
            {
                _current++;
                isSlice = true;
            }
            else if (!Is(TokenKind.CloseBracket))
            {
                throw Error("Expected ']' or ':'.");
            }
        }

        if (parts.Count == 0)
        {
            throw Error("Expected an index or a slice between '[' and ']'.");
        }

        if (!isSlice)
        {
            return new SubscriptExpression(position, target, parts[0]!);
        }

        if (parts.Count > 3)
        {
            throw _map.Error(position, "A slice has at most three parts.");
        }

        return new SliceExpression(position, target, parts[0], parts.ElementAtOrDefault(1), parts.ElementAtOrDefault(2));
    }

    private ArgumentList ParseArguments()
    {
        Expect(TokenKind.OpenParen, "'('");
        var positional = new List<Expression>();
        var keyword = new List<KeyValuePair<string, Expression>>();
        Expression? spread = null;
        Expression? keywordSpread = null;
        while (!Is(TokenKind.CloseParen))
        {
            if (Peek() is null)
            {
                throw Error("Expected ')'.");
            }

            if (Is(TokenKind.Power))
            {
                _current++;
                keywordSpread = ParseExpression();
                if (Is(TokenKind.Comma))
                {
                    _current++;
                }

                if (!Is(TokenKind.CloseParen))
                {
                    throw Error("'**' must be applied to the last argument.");
                }

                break;
            }

            if (Peek() is { Kind: TokenKind.Multiplicative, Value: "*" })
            {
                if (spread is not null)
                {
                    throw Error("Only one '*' argument unpacking is allowed.");
                }

                _current++;
                spread = ParseExpression();
            }
            else
            {
                var argument = ParseExpression();
                if (Is(TokenKind.Equals))
                {
                    _current++;
                    if (argument is not NameExpression name)
                    {
                        throw _map.Error(argument.Position, "Expected a name before '=' in a keyword argument.");
                    }

                    keyword.Add(new(name.Name, ParseExpression()));
                }
                else if (keyword.Count > 0)
                {
                    throw _map.Error(argument.Position, "Positional arguments must come before keyword arguments.");
                }
                else if (spread is not null)
                {
                    throw _map.Error(argument.Position, "Positional arguments must not follow '*' argument unpacking.");
                }
                else
                {
                    positional.Add(argument);
                }
            }

            if (Is(TokenKind.Comma))
            {
                _current++;
            }
        }

        _current++;
        return new ArgumentList(positional, spread, keyword, keywordSpread);
    }

    private List<Parameter> ParseParameters()
    {
        var start = Position;
        var arguments = ParseArguments();
        if (arguments.Spread is not null || arguments.KeywordSpread is not null)
        {
            throw _map.Error(start, "Argument unpacking is not allowed in parameter declarations.");
        }

        var parameters = new List<Parameter>();
        foreach (var argument in arguments.Positional)
        {
            if (argument is not NameExpression name)
            {
                throw _map.Error(argument.Position, "Expected a parameter name.");
            }

            parameters.Add(new Parameter(name.Name, null));
        }

        foreach (var (name, value) in arguments.Keyword)
        {
            parameters.Add(new Parameter(name, value));
        }

        var duplicate = parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw _map.Error(start, $"Duplicate parameter name '{duplicate.Key}'.");
        }

        return parameters;
    }

    private Expression ParsePrimary()
    {
        var token = Peek() ?? throw Error("Unexpected end of template in an expression.");
        _current++;
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new LiteralExpression(token.Position, ParseNumber(token));
            case TokenKind.String:
                var text = token.Value;
                while (Is(TokenKind.String))
                {
                    text += _tokens[_current++].Value;
                }

                return new LiteralExpression(token.Position, StringValue.FromTemplate(text));
            case TokenKind.Name:
                return token.Value switch
                {
                    "true" or "True" => new LiteralExpression(token.Position, BooleanValue.True),
                    "false" or "False" => new LiteralExpression(token.Position, BooleanValue.False),
                    "none" or "None" => new LiteralExpression(token.Position, NoneValue.Instance),
                    _ => Name(token),
                };
            case TokenKind.OpenParen:
                if (Is(TokenKind.CloseParen))
                {
                    _current++;
                    return new ListExpression(token.Position, [], isTuple: true);
                }

                var inner = ParseExpressionSequence(primary: false);
                Expect(TokenKind.CloseParen, "')'");
                return inner;
            case TokenKind.OpenBracket:
                var items = new List<Expression>();
                while (!Is(TokenKind.CloseBracket))
                {
                    items.Add(ParseExpression());
                    if (Is(TokenKind.Comma))
                    {
                        _current++;
                    }
                }

                _current++;
                return new ListExpression(token.Position, items, isTuple: false);
            case TokenKind.OpenBrace:
                var pairs = new List<KeyValuePair<Expression, Expression>>();
                while (!Is(TokenKind.CloseBrace))
                {
                    var key = ParseExpression();
                    Expect(TokenKind.Colon, "':' between key and value");
                    pairs.Add(new(key, ParseExpression()));
                    if (Is(TokenKind.Comma))
                    {
                        _current++;
                    }
                }

                _current++;
                return new DictExpression(token.Position, pairs);
            default:
                _current--;
                throw Error($"Unexpected '{Describe(token)}' in an expression.");
        }
    }

    private NameExpression Name(Token token)
    {
        var special = SpecialName(token.Value);
        if (special != MacroNames.None)
        {
            for (var i = 0; i < _macroFrames.Count; i++)
            {
                _macroFrames[i] |= special;
            }
        }

        return new NameExpression(token.Position, token.Value);
    }

    private static MacroNames SpecialName(string name) => name switch
    {
        "caller" => MacroNames.Caller,
        "kwargs" => MacroNames.Kwargs,
        "varargs" => MacroNames.Varargs,
        _ => MacroNames.None,
    };

    private JinjaValue ParseNumber(Token token)
    {
        var text = token.Value;
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') < 0
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return IntegerValue.Of(integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new FloatValue(number);
        }

        throw _map.Error(token.Position, $"Invalid number '{text}'.");
    }

    private void EnterNesting()
    {
        if (++_nesting > MaxNesting || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error($"The template nests deeper than {MaxNesting} levels.");
        }
    }
}
