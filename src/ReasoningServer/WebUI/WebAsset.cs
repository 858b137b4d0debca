using Microsoft.Net.Http.Headers;

namespace ReasoningServer.WebUI;

/// <summary>One embedded file of the web UI, ready to serve.</summary>
internal sealed record WebAsset(byte[] Content, string ContentType, EntityTagHeaderValue ETag, DateTimeOffset LastModified);
