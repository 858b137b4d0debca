namespace ReasoningServer.Tests.Shared;

/// <summary>Folders of the source tree, found from the test binary's folder upwards (tests run from bin/ inside it).</summary>
public static class RepositoryFolders
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>The folder holding ReasoningServer.sln.</summary>
    public static string Root => RootFolder.Value;

    /// <summary><c>tests/oracle</c>: the Node.js reference implementations.</summary>
    public static string Oracle => Path.Combine(Root, "tests", "oracle");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ReasoningServer.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No ReasoningServer.sln above '{AppContext.BaseDirectory}'.");
    }
}
