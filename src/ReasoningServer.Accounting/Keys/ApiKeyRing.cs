using System.Security.Cryptography;

namespace ReasoningServer.Accounting.Keys;

/// <summary>
/// The keys the server accepts right now: the configured ones plus those in the ledger database, which are
/// reloaded while the server runs so that keys created or revoked with the CLI take effect.
/// </summary>
internal sealed class ApiKeyRing(IReadOnlyList<ApiKey> configured)
{
    private ApiKey[] _all = [.. configured];

    // Once any key exists the server stays closed, even when every key is revoked: revoking the last key must lock
    // everyone out, not let everyone in as an admin.
    private volatile bool _closed = configured.Count > 0;

    /// <summary>No key was ever configured or stored: the server is open (and says so in its log).</summary>
    public bool IsOpen => !_closed;

    /// <summary>The keys from configuration, the command line and the key file (not those of the database).</summary>
    public IReadOnlyList<ApiKey> Configured => configured;

    /// <param name="active">The database's keys that are not revoked.</param>
    /// <param name="anyStored">Whether the database holds any key at all, revoked ones included.</param>
    public void ReplaceStoredKeys(IEnumerable<ApiKey> active, bool anyStored)
    {
        Volatile.Write(ref _all, [.. configured, .. active]);
        _closed |= anyStored || _all.Length > 0;
    }

    /// <summary>
    /// The key whose hash matches the presented secret, or null. Every key is compared, in constant time,
    /// so the answer's timing does not depend on which key (if any) matched or how much of a hash did.
    /// </summary>
    public ApiKey? Authenticate(string presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(presented), hash);
        ApiKey? match = null;
        foreach (var key in Volatile.Read(ref _all))
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Sha256))
            {
                match ??= key;
            }
        }

        return match;
    }
}
