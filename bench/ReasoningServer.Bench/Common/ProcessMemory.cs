using System.Globalization;

namespace ReasoningServer.Bench.Common;

/// <summary>Resident memory of this or another process, from /proc (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>Resident set size now, in MiB.</summary>
    public static double ResidentMiB() => Read("self", "VmRSS:");

    /// <summary>The highest resident set size so far, in MiB.</summary>
    public static double PeakResidentMiB() => Read("self", "VmHWM:");

    /// <summary>Resident set size of process <paramref name="processId"/> now, in MiB.</summary>
    public static double ResidentMiB(int processId) => Read(processId.ToString(CultureInfo.InvariantCulture), "VmRSS:");

    /// <summary>The highest resident set size of process <paramref name="processId"/> so far, in MiB; 0 once it has gone.</summary>
    public static double PeakResidentMiB(int processId)
    {
        try
        {
            return Read(processId.ToString(CultureInfo.InvariantCulture), "VmHWM:");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            return 0; // exited between the check and the read (or a zombie without memory lines)
        }
    }

    private static double Read(string process, string field)
    {
        var line = File.ReadLines($"/proc/{process}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kib = long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kib / 1024.0;
    }
}
