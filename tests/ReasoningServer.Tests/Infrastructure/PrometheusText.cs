using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// Prometheus' own tools read what the server exposes: the official Python client's text-format parser
/// (Debian package python3-prometheus-client) and <c>promtool check metrics</c> (package prometheus), both
/// installed by .ci/run. A missing tool fails the test, saying what to install: a check that cannot run must not pass.
/// </summary>
public static class PrometheusText
{
    private const string Python = "/usr/bin/python3";

    private const string ParserScript = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        out = []
        for family in text_string_to_metric_families(sys.stdin.read()):
            for s in family.samples:
                out.append({"family": family.name, "type": family.type, "help": family.documentation,
                            "name": s.name, "labels": s.labels, "value": s.value})
        json.dump(out, sys.stdout)
        """;

    /// <summary>Every sample, as the official parser reads it.</summary>
    public static IReadOnlyList<PrometheusSample> Parse(string exposition)
    {
        var (exit, stdout, stderr) = Run(Python, ["-c", ParserScript], exposition, "apt-get install python3-prometheus-client");
        Assert.True(exit == 0, $"prometheus_client could not parse the exposition:\n{stderr}\n---\n{exposition}");
        using var json = JsonDocument.Parse(stdout);
        return [.. json.RootElement.EnumerateArray().Select(e => new PrometheusSample(
            e.GetProperty("family").GetString()!,
            e.GetProperty("type").GetString()!,
            e.GetProperty("help").GetString()!,
            e.GetProperty("name").GetString()!,
            e.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            e.GetProperty("value").GetDouble()))];
    }

    /// <summary><c>promtool check metrics</c>: exit code and what it complained about (naming, units, format).</summary>
    public static (int ExitCode, string Problems) Lint(string exposition)
    {
        var (exit, stdout, stderr) = Run("promtool", ["check", "metrics"], exposition, "apt-get install prometheus");
        return (exit, stdout + stderr);
    }

    private static (int Exit, string Stdout, string Stderr) Run(string program, string[] arguments, string input, string install)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is needed to check the metrics format ({install}; .ci/run does): {e.Message}", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input);
            process.StandardInput.Close();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
