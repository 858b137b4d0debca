namespace ReasoningServer.Native;

/// <summary>Where the project keeps what it fetches or generates per user: <c>$XDG_CACHE_HOME/reasoningserver</c> (default <c>~/.cache/reasoningserver</c>).</summary>
public static class UserCacheFolder
{
    public static string Root
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var cacheRoot = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cacheRoot, "reasoningserver");
        }
    }
}
