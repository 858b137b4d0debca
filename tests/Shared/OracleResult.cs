namespace ReasoningServer.Tests.Shared;

/// <summary>What the oracle gave for one case: the rendered (or given) text and its token ids, or the error it raised.</summary>
/// <param name="Text">The template's output, or the text given to tokenize.</param>
/// <param name="Ids">The reference tokenizer's ids of <paramref name="Text"/>.</param>
/// <param name="Decoded">The reference tokenizer's decoding of <paramref name="Ids"/>, when asked for.</param>
/// <param name="Error">The message of the exception rendering raised (e.g. the template's <c>raise_exception</c>).</param>
public sealed record OracleResult(string? Text, IReadOnlyList<int>? Ids, string? Decoded, string? Error)
{
    public bool Failed => Error is not null;
}
