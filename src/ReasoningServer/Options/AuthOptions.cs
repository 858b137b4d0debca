namespace ReasoningServer.Options;

/// <summary>
/// Who may call the server (section <c>Auth</c>). Keys come from three places, all hashed on load: this
/// list, <see cref="ApiKey"/> (<c>--api-key</c>, admin keys) and <see cref="ApiKeyFile"/>; plus the keys
/// created with the <c>keys</c> verb, which live in the ledger database. No key anywhere: the server is open.
/// </summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>One or more admin secrets, comma-separated (llama-server's <c>--api-key</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>A file of ordinary keys, one <c>SECRET [name]</c> per line; <c>#</c> starts a comment.</summary>
    public string? ApiKeyFile { get; set; }

    [Microsoft.Extensions.Options.ValidateEnumeratedItems]
    public List<ConfiguredKeyOptions> Keys { get; set; } = [];

    /// <summary>How often keys created or revoked in the database are picked up by a running server.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int RefreshSeconds { get; set; } = 10;
}
