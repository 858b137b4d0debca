namespace ReasoningServer.Billing;

/// <summary>The ledger database could not be opened or migrated at start: a setting or a server for the user to fix.</summary>
internal sealed class LedgerUnavailableException(string message, Exception inner) : Exception(message, inner);
