namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// The sequences of one request that share a prompt (the choices of <c>n &gt; 1</c>): admitted together,
/// the prompt evaluated once and its KV copied to the others. One entry of the engine's queue.
/// </summary>
internal sealed class GenerationGroup(GenerationHandle[] members)
{
    public GenerationHandle[] Members { get; } = members;

    /// <summary>Members neither cancelled nor past their deadline.</summary>
    public int LiveCount(long now)
    {
        var live = 0;
        foreach (var member in Members)
        {
            if (!member.IsCancelled && !member.IsExpired(now))
            {
                live++;
            }
        }

        return live;
    }
}
