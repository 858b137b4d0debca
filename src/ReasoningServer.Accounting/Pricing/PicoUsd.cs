namespace ReasoningServer.Accounting.Pricing;

/// <summary>
/// Costs are stored as whole picodollars (10⁻¹² USD) in a 64-bit integer: exact, summable by SQL in SQLite
/// and PostgreSQL alike (a decimal column would be summed as a float by SQLite), and fine enough that
/// a price per million tokens with up to six decimals is represented without rounding.
/// </summary>
internal static class PicoUsd
{
    private const decimal PerDollar = 1_000_000_000_000m;

    public static long FromDollars(decimal dollars) => (long)decimal.Round(dollars * PerDollar, MidpointRounding.ToEven);

    public static decimal ToDollars(long picodollars) => picodollars / PerDollar;
}
