using System.ComponentModel.DataAnnotations;

namespace ReasoningServer.Options;

/// <summary>The Responses API's state (section <c>Responses</c>).</summary>
internal sealed class ResponsesOptions
{
    public const string Section = "Responses";

    /// <summary>
    /// The key that seals reasoning as <c>encrypted_content</c> (base64, 32 bytes). Empty: one is made once and kept
    /// in the ledger database (shared by replicas on one PostgreSQL), or per process when there is no ledger.
    /// </summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Without a ledger, stored responses live in memory: at most this many, the oldest dropped first.</summary>
    [Range(1, 1_000_000)]
    public int MemoryStoreCapacity { get; set; } = 1000;
}
