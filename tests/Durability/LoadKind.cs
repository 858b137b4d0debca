namespace ReasoningServer.Tests.Durability;

/// <summary>The kinds of request the crash load mixes: every way a request reaches the ledger.</summary>
public enum LoadKind
{
    ChatJson,
    ChatStream,
    ChatChoices,
    TextCompletion,
    TestTime,
    StoredResponse,
    StoredResponseStream,

    /// <summary>A stream the client walks away from after its first chunks: never counted as seen complete.</summary>
    Cancelled,
}
