using System.ComponentModel.DataAnnotations;

namespace ReasoningServer.Options;

/// <summary>A key written in configuration: its secret (hashed on load) or the secret's SHA-256 in hex.</summary>
internal sealed class ConfiguredKeyOptions
{
    /// <summary>Defaults to an id derived from the hash, stable across restarts.</summary>
    public string? Id { get; set; }

    [Required]
    public string Name { get; set; } = string.Empty;

    public string? Key { get; set; }

    [RegularExpression("^[0-9a-fA-F]{64}$")]
    public string? Sha256 { get; set; }

    public bool Admin { get; set; }

    /// <summary>Models this key may use; empty = all.</summary>
    public List<string> Models { get; set; } = [];

    [Range(1, int.MaxValue)]
    public int? RequestsPerMinute { get; set; }

    [Range(1, int.MaxValue)]
    public int? TokensPerMinute { get; set; }
}
