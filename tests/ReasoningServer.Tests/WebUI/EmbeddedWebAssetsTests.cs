using ReasoningServer.WebUI;

namespace ReasoningServer.Tests.WebUI;

/// <summary>The web UI's files as the server assembly embeds them.</summary>
public sealed class EmbeddedWebAssetsTests
{
    [Fact]
    public void Every_file_under_wwwroot_is_embedded_with_its_content_type()
    {
        var assets = new EmbeddedWebAssets();

        var source = Path.Combine(RepositoryRoot(), "src", "ReasoningServer", "WebUI", "wwwroot");
        var expected = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(source, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(expected, assets.Paths.Order(StringComparer.Ordinal));
        Assert.Equal("text/html; charset=utf-8", assets.Find("index.html")!.ContentType);
        Assert.Equal("text/javascript; charset=utf-8", assets.Find("assets/js/main.js")!.ContentType);
        Assert.Equal("text/css; charset=utf-8", assets.Find("assets/app.css")!.ContentType);
        Assert.Equal(File.ReadAllBytes(Path.Combine(source, "assets", "js", "chat.js")), assets.Find("assets/js/chat.js")!.Content);
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

        throw new InvalidOperationException("The repository root was not found above the test binaries.");
    }
}
