namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// What a random-weight model does only most of the time: the test model skips its thinking (its first token closes
/// it) in about 1 response in 60 and answers nothing after thinking in about 1 in 40 (measured on 400 responses).
/// Where a request cannot pick a seed that does (the Responses API has none), a test of what a thought or an answer
/// looks like takes the first of a few responses that has one; a server that never produces it still fails.
/// </summary>
internal static class RandomWeights
{
    private const int Attempts = 5;

    public static async Task<T> FirstAsync<T>(Func<Task<T>> attempt, Func<T, bool> wanted)
    {
        var result = await attempt();
        for (var tried = 1; tried < Attempts && !wanted(result); tried++)
        {
            result = await attempt();
        }

        return result;
    }
}
