namespace ReasoningServer.Reasoning.Tests.Tools;

/// <summary>A call a test expects, ids aside (the harness numbers them call_0, call_1, …).</summary>
internal sealed record ExpectedCall(string Name, string ArgumentsJson, bool IsComplete = true);
