namespace ReasoningServer.Accounting.Ledger;

/// <summary>
/// The schema, as numbered steps applied in order on start. The SQL is written once for both databases:
/// TEXT, INTEGER, BIGINT and BOOLEAN mean the same to SQLite and PostgreSQL. Never edit a step that has
/// shipped; add the next one.
/// </summary>
internal static class LedgerMigrations
{
    public static IReadOnlyList<(int Version, string Sql)> All { get; } =
    [
        (1, """
            CREATE TABLE usage_records (
                request_id       TEXT PRIMARY KEY,
                api_key_id       TEXT NULL,
                model            TEXT NOT NULL,
                started_at_ms    BIGINT NOT NULL,
                finished_at_ms   BIGINT NOT NULL,
                prompt_tokens    INTEGER NOT NULL,
                cached_tokens    INTEGER NOT NULL,
                reasoning_tokens INTEGER NOT NULL,
                answer_tokens    INTEGER NOT NULL,
                choices          INTEGER NOT NULL,
                finish_reasons   TEXT NOT NULL,
                outcome          TEXT NOT NULL,
                cost_picousd     BIGINT NOT NULL
            );
            CREATE INDEX usage_records_started ON usage_records (started_at_ms);
            CREATE INDEX usage_records_key_started ON usage_records (api_key_id, started_at_ms);
            CREATE TABLE api_keys (
                id                  TEXT PRIMARY KEY,
                name                TEXT NOT NULL,
                key_sha256          TEXT NOT NULL UNIQUE,
                is_admin            BOOLEAN NOT NULL,
                models              TEXT NOT NULL,
                requests_per_minute INTEGER NULL,
                tokens_per_minute   INTEGER NULL,
                created_at_ms       BIGINT NOT NULL,
                revoked_at_ms       BIGINT NULL
            );
            """),
        (2, """
            CREATE TABLE stored_responses (
                id            TEXT PRIMARY KEY,
                api_key_id    TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL,
                body          TEXT NOT NULL
            );
            CREATE TABLE server_secrets (
                name  TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            """),
    ];
}
