namespace ReasoningServer.Bench.Chat;

/// <summary>What one streamed turn took, as its client saw it.</summary>
/// <param name="TimeToFirstToken">From sending the request to the first generated text.</param>
/// <param name="InterTokenLatencies">Gaps between consecutive chunks of generated text.</param>
/// <param name="Answer">The visible answer, which goes into the conversation's history.</param>
/// <param name="FirstTokenTimestamp">When the first token came (<see cref="System.Diagnostics.Stopwatch"/> ticks; 0 if none did).</param>
internal sealed record TurnMeasurement(
    TimeSpan TimeToFirstToken, List<double> InterTokenLatencies, int CompletionTokens, int PromptTokens, int CachedTokens, string Answer,
    long FirstTokenTimestamp);
