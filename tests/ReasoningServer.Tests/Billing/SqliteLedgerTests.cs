using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Billing;

/// <summary>The ledger tests on the default provider, a SQLite file.</summary>
public sealed class SqliteLedgerTests(SqliteAccountingFixture server) : LedgerTotalsScenario(server), IClassFixture<SqliteAccountingFixture>
{
    [Fact]
    public Task Totals_per_key_equal_what_clients_saw_and_costs_apply_the_price_table() =>
        Totals_per_key_equal_the_usage_clients_saw_and_costs_apply_the_price_table();

    [Fact]
    public Task Usage_buckets_split_by_model_and_page_with_a_cursor() => Buckets_split_by_model_and_page_with_a_cursor();

    [Fact]
    public Task A_request_is_never_recorded_twice() => The_same_request_is_never_recorded_twice();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public Task A_hung_up_stream_is_billed_for_every_token_generated(int choices) => A_hung_up_stream_is_billed_for_every_token_the_engine_generated(choices);
}
