using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ReasoningServer.WebUI;

/// <summary>
/// The web UI's files, embedded in this assembly at build time (so the server serves them offline and from one
/// binary) and read once at start: a few dozen kilobytes, each with its content type and an ETag of its content.
/// </summary>
internal sealed class EmbeddedWebAssets
{
    public const string Root = "WebUI/wwwroot";

    private readonly FrozenDictionary<string, WebAsset> _files;

    public EmbeddedWebAssets()
    {
        var provider = new ManifestEmbeddedFileProvider(typeof(EmbeddedWebAssets).Assembly, Root);
        var types = new FileExtensionContentTypeProvider();
        var files = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        Collect(provider, "/", types, files); // the manifest provider lists its root as "/", not ""
        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Paths => _files.Keys;

    public WebAsset? Find(string path) => _files.GetValueOrDefault(path);

    private static void Collect(IFileProvider provider, string folder, FileExtensionContentTypeProvider types, Dictionary<string, WebAsset> files)
    {
        foreach (var entry in provider.GetDirectoryContents(folder))
        {
            var path = folder == "/" ? entry.Name : $"{folder}/{entry.Name}";
            if (entry.IsDirectory)
            {
                Collect(provider, path, types, files);
                continue;
            }

            using var stream = entry.CreateReadStream();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var contentType = types.TryGetContentType(entry.Name, out var type) ? type : "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType is "application/javascript" or "text/javascript" or "image/svg+xml")
            {
                contentType += "; charset=utf-8";
            }

            var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
            files[path] = new WebAsset(content, contentType, tag, entry.LastModified);
        }
    }
}
