namespace ReasoningServer.Bench.Common;

/// <summary>What a child process that ran to its end left: its exit code, its output and its peak resident memory.</summary>
internal sealed record ChildRunResult(int ExitCode, string StandardOutput, string StandardError, double PeakResidentMiB);
