namespace ReasoningServer.Bench.Soak;

/// <summary>One property the soak verifies, with what was seen.</summary>
internal sealed record SoakCheck(string Name, bool Passed, string Detail);
