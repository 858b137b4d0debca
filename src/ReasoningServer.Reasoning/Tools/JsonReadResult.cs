namespace ReasoningServer.Reasoning.Tools;

/// <summary>The outcome of reading the next token of a JSON value that arrives in pieces.</summary>
internal enum JsonReadResult
{
    Token,

    /// <summary>The buffered text is a valid start of JSON but ends inside or before the next token.</summary>
    NeedMore,

    /// <summary>The buffered text cannot be the start of valid JSON.</summary>
    Invalid,
}
