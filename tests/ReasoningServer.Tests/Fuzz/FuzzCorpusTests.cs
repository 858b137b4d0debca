using ReasoningServer.Fuzzing;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Fuzz;

/// <summary>
/// Replays, byte for byte, the requests the fuzzer found defects with, and a few hostile ones worth keeping
/// (catastrophic regexes, 10k-deep nesting, cut-off bodies) (Fuzz/corpus/NAME.DELIVERY.http; Host
/// <c>fuzz</c>, key <see cref="FuzzServerFixture.ApiKey"/>, model <c>tiny-test</c>): each must now get a non-5xx
/// answer, an OpenAI-shaped error if any, and leave the server alive.
/// </summary>
public sealed class FuzzCorpusTests(FuzzServerFixture fixture) : IClassFixture<FuzzServerFixture>
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fuzz", "corpus");

    public static TheoryData<string> Files => [.. Directory.GetFiles(Folder, "*.http").Select(file => Path.GetFileName(file)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_corpus_request_is_answered_safely(string file)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Folder, file));
        var delivery = Enum.Parse<FuzzDelivery>(file.Split('.')[^2], ignoreCase: true);
        var target = System.Text.Encoding.Latin1.GetString(bytes, 0, Math.Max(0, Array.IndexOf(bytes, (byte)'\r'))).Split(' ');
        var fuzzCase = new FuzzCase(0, file, target[0], target.Length > 1 ? target[1] : "/", bytes, delivery, HeaderLevel: false);

        var outcome = await new RawHttpClient(fixture.Endpoint, TimeSpan.FromSeconds(60)).SendAsync(fuzzCase);

        // A body cut off by the client may go unanswered (Kestrel sees the client leave); never a 5xx or a bare error.
        FuzzVerdict[] allowed = delivery == FuzzDelivery.HalfClose ? [FuzzVerdict.Ok, FuzzVerdict.DroppedBrokenFraming] : [FuzzVerdict.Ok];
        Assert.Contains(FuzzRules.Judge(fuzzCase, outcome), allowed);
        Assert.True(fixture.Alive, "the server process died");
    }
}
