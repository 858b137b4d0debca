namespace ReasoningServer.Fuzzing;

/// <summary>
/// One generated request as the raw HTTP/1.1 bytes sent on a fresh connection (<c>Connection: close</c>), so a case
/// is reproducible from its id and seed alone and can be kept as a corpus file.
/// </summary>
/// <param name="Kind">What was done to it, e.g. <c>chat/wrong-type</c>: the histogram's key for defects.</param>
/// <param name="Path">The request target, for the report and for rules that depend on the endpoint.</param>
/// <param name="HeaderLevel">The header section itself is malformed: Kestrel may refuse it before the application
/// sees a request, with its own bodyless 4xx.</param>
public sealed record FuzzCase(int Id, string Kind, string Method, string Path, byte[] Request, FuzzDelivery Delivery, bool HeaderLevel)
{
    public override string ToString() => $"#{Id} {Kind} {Method} {Path}";
}
