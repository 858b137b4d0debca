namespace ReasoningServer.Accounting.Ledger;

/// <summary>How a recorded request ended. Cancelled requests are billed for what was generated; failed ones are not billed.</summary>
internal enum RequestOutcome
{
    Completed,
    Cancelled,
    Failed,
}
