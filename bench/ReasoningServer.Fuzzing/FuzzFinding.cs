namespace ReasoningServer.Fuzzing;

/// <summary>A case that broke a rule, with enough to reproduce and read it.</summary>
public sealed record FuzzFinding(FuzzCase Case, FuzzOutcome Outcome, FuzzVerdict Verdict)
{
    public string BodySnippet => System.Text.Encoding.UTF8.GetString(Outcome.Body.AsSpan(0, Math.Min(300, Outcome.Body.Length)));

    public override string ToString() => $"{Verdict} {Case} -> {Outcome.Key} {BodySnippet}";
}
