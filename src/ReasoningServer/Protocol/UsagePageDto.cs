namespace ReasoningServer.Protocol;

/// <summary>OpenAI's page of time buckets (usage and costs APIs); <c>next_page</c> is the cursor for the following buckets.</summary>
internal sealed class UsagePageDto<TResult>
{
    public string Object => "page";

    public required List<UsageBucketDto<TResult>> Data { get; init; }

    public required bool HasMore { get; init; }

    public required string? NextPage { get; init; }
}
