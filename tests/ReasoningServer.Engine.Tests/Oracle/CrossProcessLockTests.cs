using System.Diagnostics;
using ReasoningServer.Tests.Shared;

namespace ReasoningServer.Engine.Tests.Oracle;

/// <summary>The lock the test processes of both assemblies take around building a cached model.</summary>
public sealed class CrossProcessLockTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cross-process-lock-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_held_lock_keeps_other_processes_out_until_released()
    {
        var path = Path.Combine(folder, "build.lock");
        using (CrossProcessLock.Acquire(path, TimeSpan.FromSeconds(1)))
        {
            // flock(1) in another process: -n fails at once while we hold it.
            Assert.Equal(1, Flock(path));
            Assert.Throws<TimeoutException>(() => CrossProcessLock.Acquire(path, TimeSpan.FromMilliseconds(300)).Dispose());
        }

        Assert.Equal(0, Flock(path));
        CrossProcessLock.Acquire(path, TimeSpan.FromSeconds(1)).Dispose();
    }

    private static int Flock(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("flock", ["-n", path, "true"]))!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
