namespace ReasoningServer.Bench.Common;

/// <summary>The machine's 1-, 5- and 15-minute load averages (/proc/loadavg), reported beside every figure.</summary>
internal static class LoadAverage
{
    public static string Now => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
