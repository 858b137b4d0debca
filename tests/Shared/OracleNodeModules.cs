namespace ReasoningServer.Tests.Shared;

/// <summary>
/// Makes sure <c>tests/oracle/node_modules</c> holds exactly what <c>package-lock.json</c> pins: tests/oracle/install.sh
/// runs <c>npm ci</c> when it is missing or was installed from another lock file (a clean clone in CI, a pulled version
/// bump), and test processes of both test assemblies asking at once take turns on its lock file.
/// </summary>
public static class OracleNodeModules
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    private static readonly Lazy<string> Installed = new(() =>
        ExternalTool.Run("bash", [Path.Combine(RepositoryFolders.Oracle, "install.sh")], RepositoryFolders.Oracle, InstallTimeout).Trim());

    /// <summary>The installed <c>node_modules</c> folder.</summary>
    public static string EnsureInstalled() => Installed.Value;
}
