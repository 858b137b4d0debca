namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// Reads one call of a family, from its start marker on, as text arrives. Consumes what it has understood from
/// the scan buffer and commits the call through the emitter once its name is known to be declared; may reject
/// only before that.
/// </summary>
internal abstract class CallUnitReader
{
    public abstract UnitStatus Step(ScanBuffer input, CallEmitter emitter);

    protected static UnitStatus FromJson(JsonCallStatus status) => status switch
    {
        JsonCallStatus.NeedMore => UnitStatus.NeedMore,
        JsonCallStatus.Rejected => UnitStatus.Rejected,
        JsonCallStatus.Broken => UnitStatus.Broken,
        _ => UnitStatus.Ended,
    };
}
