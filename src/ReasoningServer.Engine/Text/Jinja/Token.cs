namespace ReasoningServer.Engine.Text.Jinja;

/// <param name="Position">Offset in the preprocessed source (see <see cref="SourceMap"/>).</param>
internal readonly record struct Token(TokenKind Kind, string Value, int Position);
