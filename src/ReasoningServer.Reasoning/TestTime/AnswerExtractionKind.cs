namespace ReasoningServer.Reasoning.TestTime;

/// <summary>How a sample's final answer is found in its visible text.</summary>
public enum AnswerExtractionKind
{
    /// <summary>The last number in the answer (digits with an optional sign, decimals and thousands commas).</summary>
    LastNumber,

    /// <summary>The content of the last <c>\boxed{...}</c>, braces balanced.</summary>
    Boxed,

    /// <summary>The last match of a caller's pattern: its first capture group when it has one, else the whole match.</summary>
    Regex,
}
