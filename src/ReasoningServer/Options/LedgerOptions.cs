using System.ComponentModel.DataAnnotations;
using ReasoningServer.Accounting.Ledger;

namespace ReasoningServer.Options;

/// <summary>Where usage records go (section <c>Ledger</c>).</summary>
internal sealed class LedgerOptions
{
    public const string Section = "Ledger";

    public LedgerProvider Provider { get; set; } = LedgerProvider.Sqlite;

    /// <summary>The SQLite ledger's folder; empty = <c>$XDG_DATA_HOME/reasoningserver</c> (<c>~/.local/share/reasoningserver</c>).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The PostgreSQL connection string (Npgsql's format), for <see cref="LedgerProvider.Postgres"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Records waiting for the writer; when full, finishing requests wait instead of losing records.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>The most records committed in one transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 256;

    public string ResolvedDataDirectory => string.IsNullOrWhiteSpace(DataDirectory)
        ? Path.Combine(Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } data
            ? data
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share"), "reasoningserver")
        : DataDirectory;
}
