namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>Token kinds, as @huggingface/jinja's lexer distinguishes them.</summary>
internal enum TokenKind
{
    Text,
    Number,
    String,
    Name,
    Equals,
    OpenParen,
    CloseParen,
    OpenStatement,
    CloseStatement,
    OpenExpression,
    CloseExpression,
    OpenBracket,
    CloseBracket,
    OpenBrace,
    CloseBrace,
    Comma,
    Dot,
    Colon,
    Pipe,

    /// <summary><c>+ - ~</c> between operands.</summary>
    Additive,

    /// <summary><c>* / // %</c>.</summary>
    Multiplicative,

    /// <summary><c>**</c>.</summary>
    Power,

    /// <summary><c>&lt; &gt; &lt;= &gt;= == !=</c>.</summary>
    Comparison,

    /// <summary>A sign before an operand that is not a number literal.</summary>
    Unary,

    Comment,
}
