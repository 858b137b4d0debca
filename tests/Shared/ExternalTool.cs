using System.Diagnostics;
using System.Text;

namespace ReasoningServer.Tests.Shared;

/// <summary>Runs a command-line tool (node, npm, bash) to its end, feeding stdin and collecting both output streams.</summary>
public static class ExternalTool
{
    /// <summary>Runs <paramref name="fileName"/> and returns its stdout.</summary>
    /// <exception cref="InvalidOperationException">The tool is missing, exits non-zero or times out; the message carries its stderr.</exception>
    public static string Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, string? standardInput = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var commandLine = $"{fileName} {string.Join(' ', start.ArgumentList)}";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{fileName}' is not on PATH ({ex.Message}); the oracle tests need Node.js 20+ and npm.", ex);
        }

        using (process)
        {
            // Both streams are read while stdin is written, so neither side can block on a full pipe.
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(standardInput ?? "");
            process.StandardInput.Close();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"'{commandLine}' did not finish within {timeout}.");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'{commandLine}' exited with {process.ExitCode}:\n{error.Result}");
            }

            return output.Result;
        }
    }
}
