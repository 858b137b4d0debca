namespace ReasoningServer.Protocol;

/// <summary>One time bucket: [<c>start_time</c>, <c>end_time</c>) in Unix seconds, with one result per group.</summary>
internal sealed class UsageBucketDto<TResult>
{
    public string Object => "bucket";

    public required long StartTime { get; init; }

    public required long EndTime { get; init; }

    public required List<TResult> Results { get; init; }
}
