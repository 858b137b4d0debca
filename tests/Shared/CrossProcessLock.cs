namespace ReasoningServer.Tests.Shared;

/// <summary>
/// An exclusive lock between processes on a lock file (.NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/>
/// on Unix), released on dispose or when the process dies; for test processes of two assemblies that install or build
/// the same files at once.
/// </summary>
public sealed class CrossProcessLock : IDisposable
{
    private readonly FileStream stream;

    private CrossProcessLock(FileStream stream) => this.stream = stream;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock on <paramref name="path"/> (created if missing).</summary>
    /// <exception cref="TimeoutException">Another process held it all that time.</exception>
    public static CrossProcessLock Acquire(string path, TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new CrossProcessLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
            catch (IOException ex)
            {
                throw new TimeoutException($"Another process held '{path}' for {timeout}.", ex);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
