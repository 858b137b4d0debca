using System.Globalization;

namespace ReasoningServer.Bench;

/// <summary>This process's resident memory, from /proc (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>Resident set size now, in MiB.</summary>
    public static double ResidentMiB() => Read("VmRSS:");

    /// <summary>The highest resident set size so far, in MiB.</summary>
    public static double PeakResidentMiB() => Read("VmHWM:");

    private static double Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kib = long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kib / 1024.0;
    }
}
