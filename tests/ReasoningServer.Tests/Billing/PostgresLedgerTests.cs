using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Billing;

/// <summary>The same ledger tests on PostgreSQL (skipped, saying why, when no server is configured).</summary>
public sealed class PostgresLedgerTests(PostgresAccountingFixture server) : LedgerTotalsScenario(server), IClassFixture<PostgresAccountingFixture>
{
    [PostgresFact]
    public Task Totals_per_key_equal_what_clients_saw_and_costs_apply_the_price_table() =>
        Totals_per_key_equal_the_usage_clients_saw_and_costs_apply_the_price_table();

    [PostgresFact]
    public Task Usage_buckets_split_by_model_and_page_with_a_cursor() => Buckets_split_by_model_and_page_with_a_cursor();

    [PostgresFact]
    public Task A_request_is_never_recorded_twice() => The_same_request_is_never_recorded_twice();
}
