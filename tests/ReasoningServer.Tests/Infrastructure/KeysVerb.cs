namespace ReasoningServer.Tests.Infrastructure;

/// <summary>The <c>keys</c> verb of the real executable, as an operator runs it.</summary>
public static class KeysVerb
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        using var verb = ChildProcess.StartServer(["keys", .. arguments]);
        await verb.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        verb.Process.WaitForExit(); // drains the redirected output
        return (verb.Process.ExitCode, verb.Output);
    }

    /// <summary>Creates a key and returns its id and its secret (printed once, on the last line).</summary>
    public static async Task<(string Id, string Secret)> CreateAsync(string name, params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(["create", name, .. arguments]);
        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var id = lines[0].Split(' ')[1];
        return (id, lines[^1]);
    }
}
