using System.Diagnostics;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>The server executable in a process of its own, killed when the test is done with it.</summary>
public sealed class ChildProcess : IDisposable
{
    private ChildProcess(Process process) => Process = process;

    public Process Process { get; }

    public static ChildProcess StartServer(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ReasoningServer.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        // Drain the pipes so a chatty server never blocks on a full one.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process);
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }
}
