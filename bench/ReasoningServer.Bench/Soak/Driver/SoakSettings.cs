namespace ReasoningServer.Bench.Soak;

/// <summary>What the soak drives: which server, how many clients of each kind, for how long.</summary>
/// <param name="Clients">Concurrent clients, dealt out of every eight: 3 normal readers, 2 mid-stream and 2 early hang-ups, 1 slow reader.</param>
/// <param name="Baseline">First, only the normal readers run this long: their token rate alone, to compare the mix with.</param>
/// <param name="Duration">Then every client runs this long (each finishes the request it is in).</param>
/// <param name="EndlessTokens">max_tokens of the streams that are hung up on, far more than they get to.</param>
/// <param name="ReadTokens">max_tokens of the normal readers' streams.</param>
/// <param name="SlowTokens">
/// max_tokens of the slow readers' streams: long enough (about 200 bytes of SSE a token) to outgrow the server's
/// response and socket buffers, so that the engine has to pause them.
/// </param>
/// <param name="SlowReadBytes">
/// Bytes a slow reader takes per read; it sleeps <paramref name="SlowReadPause"/> after each (by default 640 B/s, about three
/// tokens a second: above Kestrel's minimum response data rate of 240 B/s, which would cut it off, and below any decode rate).
/// </param>
internal sealed record SoakSettings(
    Uri BaseAddress,
    string? ApiKey,
    string ModelId,
    int Clients,
    TimeSpan Baseline,
    TimeSpan Duration,
    int EndlessTokens = 3000,
    int ReadTokens = 96,
    int SlowTokens = 1500,
    int SlowReadBytes = 64,
    TimeSpan? SlowReadPause = null,
    int Seed = 23)
{

    // Few slow readers: each holds a slot for a long time, and slots must be left for the others.
    private static readonly SoakClientKind[] Deal =
    [
        SoakClientKind.Normal, SoakClientKind.HangUpMidStream, SoakClientKind.HangUpBeforeFirstByte, SoakClientKind.SlowReader,
        SoakClientKind.Normal, SoakClientKind.HangUpMidStream, SoakClientKind.HangUpBeforeFirstByte, SoakClientKind.Normal,
    ];

    public TimeSpan SlowPause => SlowReadPause ?? TimeSpan.FromMilliseconds(100);

    public SoakClientKind KindOf(int client) => Deal[client % Deal.Length];
}
