using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// deploy/local/replicas.sh, run for real: server replicas on loopback ports with nginx (Debian's package,
/// installed by .ci/run) in front, built from deploy/nginx's template. Disposing runs its <c>down</c>.
/// </summary>
public sealed class LocalReplicas : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("reasoningserver-replicas-").FullName;

    private LocalReplicas()
    {
    }

    public Uri Nginx { get; private set; } = null!;

    public int[] Ports { get; private set; } = [];

    public int[] ProcessIds { get; private set; } = [];

    /// <summary>Every replica's log so far and nginx's error log, for failure messages.</summary>
    public string Diagnostics()
    {
        var logs = Enumerable.Range(1, Ports.Length).Select(i => $"replica {i} (port {Ports[i - 1]}):\n{Summary(Path.Combine(_state, $"replica-{i}.log"))}");
        return string.Join("\n", [.. logs, $"nginx error log:\n{Summary(Path.Combine(_state, "nginx", "error.log"))}"]);
    }

    /// <summary>A log's warnings and errors (the first 40) and its last 15 lines: request lines would bury the rest.</summary>
    private static string Summary(string file)
    {
        if (!File.Exists(file))
        {
            return "(none)";
        }

        var lines = File.ReadAllLines(file);
        var problems = lines.Where(l => l.Contains(" WRN]", StringComparison.Ordinal) || l.Contains(" ERR]", StringComparison.Ordinal)
            || l.Contains(" FTL]", StringComparison.Ordinal) || l.Contains("[error]", StringComparison.Ordinal) || l.Contains("[warn]", StringComparison.Ordinal)).Take(40);
        return $"{lines.Length} lines; warnings and errors:\n{string.Join("\n", problems)}\nlast lines:\n{string.Join("\n", lines.TakeLast(15))}";
    }

    public static LocalReplicas Start(int count, params string[] serverArguments)
    {
        var replicas = new LocalReplicas();
        var script = Path.Combine(RepositoryRoot(), "deploy", "local", "replicas.sh");
        var (exit, output) = Run("bash", [script, "up", replicas._state, count.ToString(CultureInfo.InvariantCulture), "--", .. serverArguments],
            ("REASONINGSERVER_DLL", Path.Combine(AppContext.BaseDirectory, "ReasoningServer.dll")));
        if (exit != 0)
        {
            replicas.Dispose();
            throw new InvalidOperationException($"replicas.sh up failed ({exit}); nginx comes from .ci/run (apt-get install nginx-light):\n{output}");
        }

        int Read(string file) => int.Parse(File.ReadAllText(Path.Combine(replicas._state, file)).Trim(), CultureInfo.InvariantCulture);
        replicas.Nginx = new Uri($"http://127.0.0.1:{Read("nginx.port")}");
        replicas.Ports = [.. Enumerable.Range(1, count).Select(i => Read($"replica-{i}.port"))];
        replicas.ProcessIds = [.. Enumerable.Range(1, count).Select(i => Read($"replica-{i}.pid"))];
        return replicas;
    }

    public HttpClient Client(string apiKey)
    {
        var http = new HttpClient { BaseAddress = Nginx, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return http;
    }

    /// <summary>SIGKILL: the replica vanishes mid-work, as a crashed pod does.</summary>
    public void Kill(int replica)
    {
        using var process = Process.GetProcessById(ProcessIds[replica]);
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>Stops nginx and SIGTERMs the replicas still running, waiting until they have exited.</summary>
    public void Dispose()
    {
        Run("bash", [Path.Combine(RepositoryRoot(), "deploy", "local", "replicas.sh"), "down", _state]);
        Directory.Delete(_state, recursive: true);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ReasoningServer.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ReasoningServer.sln) is not above the test binaries.");
    }

    private static (int Exit, string Output) Run(string program, string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
