using ReasoningServer.Bench;

return args switch
{
    ["decode", .. var rest] => await DecodeBenchmark.RunAsync(BenchArguments.Parse(rest)),
    ["load", .. var rest] => await LoadBenchmark.RunAsync(LoadArguments.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: ReasoningServer.Bench decode --server PATH/ReasoningServer.dll [--tokens 256] [--runs 3] [--threads 2] [--results bench/RESULTS.md]
          decode   single-stream decode tokens/s of the `bench` tiny model, directly through the engine and
                   through the HTTP server (alternating runs), plus the server's start-to-first-response time.
               ReasoningServer.Bench load (--server PATH/ReasoningServer.dll | --base-url URL [--model ID]) [--clients 1,4,8]
                   [--turns 3] [--tokens 64] [--parallel 8] [--choices 8] [--no-engine] [--results bench/RESULTS.md]
          load     concurrent streaming clients with multi-turn conversations: tokens/s, TTFT and inter-token latency
                   percentiles, prefix-cache hit rate; our server vs the bare engine, or any OpenAI-compatible server.
        """);
    return 2;
}
