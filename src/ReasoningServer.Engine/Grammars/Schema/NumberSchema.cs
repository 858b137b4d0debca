namespace ReasoningServer.Engine.Grammars.Schema;

/// <summary>A JSON number, or an integer when <see cref="IntegerOnly"/>, within optional bounds.</summary>
internal sealed record NumberSchema(string Path, bool IntegerOnly, NumericBound? Minimum, NumericBound? Maximum)
    : SchemaNode(Path);
