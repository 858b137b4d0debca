using ReasoningServer.Fuzzing;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Fuzz;

/// <summary>
/// The bounded form of <c>bench/fuzz.sh</c>: the same generator, a fixed seed and 1,500 cases against the real server
/// executable. Every response is a non-5xx, every error is OpenAI's shape, the server is still alive and answering, and
/// every slot is given back.
/// </summary>
public sealed class FuzzTests(FuzzServerFixture fixture) : IClassFixture<FuzzServerFixture>
{
    private const int Seed = 20261203;
    private const int Cases = 1500;

    [Fact]
    public async Task GeneratedBadRequestsGetOpenAIErrorsAndTheServerSurvives()
    {
        var generator = new FuzzGenerator(Seed, ServerFixture.ModelId, FuzzServerFixture.ApiKey, fixture.StoredResponseId);
        var report = await FuzzRunner.RunAsync(generator.Generate(Cases), Seed, fixture.Endpoint, concurrency: 3, TimeSpan.FromSeconds(60), () => fixture.Alive);

        Assert.True(fixture.Alive, "the server process died during the run");
        Assert.Equal(Cases, report.Cases);
        Assert.True(report.Clean, string.Join('\n', report.Findings));
        Assert.Equal(0, report.Count(FuzzVerdict.ServerError));
        using var live = await fixture.Server.Http.GetAsync("/health/live");
        Assert.True(live.IsSuccessStatusCode);
        Assert.Equal((0, 0), await FuzzRunner.WaitForIdleAsync(fixture.Endpoint, FuzzServerFixture.ApiKey, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void OneSeedGivesTheSameCases()
    {
        var first = new FuzzGenerator(Seed, "m", "k", "resp_1");
        var second = new FuzzGenerator(Seed, "m", "k", "resp_1");

        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal(first.Case(i).Request, second.Case(i).Request));
        Assert.NotEqual(first.Case(0).Request, new FuzzGenerator(Seed + 1, "m", "k", "resp_1").Case(0).Request);
    }
}
