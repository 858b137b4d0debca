using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ReasoningServer.Accounting.Keys;

/// <summary>How secrets are minted and hashed. Only the hash is ever stored or compared.</summary>
internal static class ApiKeySecrets
{
    private const string Prefix = "sk-rs-";

    /// <summary>A new secret: 256 random bits, URL-safe, with a prefix that makes it recognisable in a leak scan.</summary>
    public static string NewSecret() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>A new random key id, in OpenAI's <c>key_…</c> style.</summary>
    public static string NewId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// A stable id for a key configured by its secret (config, file, <c>--api-key</c>): a prefix of its hash,
    /// which says nothing usable about a 256-bit secret but stays the same across restarts and replicas.
    /// </summary>
    public static string IdFromHash(byte[] sha256) => "key_" + Convert.ToHexStringLower(sha256.AsSpan(0, 8));
}
