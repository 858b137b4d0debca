using ReasoningServer.Bench;

return args switch
{
    ["decode", .. var rest] => await DecodeBenchmark.RunAsync(BenchArguments.Parse(rest)),
    ["window", .. var rest] => await WindowBenchmark.RunAsync(BenchArguments.Parse(rest)),
    ["steering", .. var rest] => await SteeringBenchmark.RunAsync(BenchArguments.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: ReasoningServer.Bench decode --server PATH/ReasoningServer.dll [--tokens 256] [--runs 3] [--threads 2] [--results bench/RESULTS.md]
               ReasoningServer.Bench window [--threads N] [--results bench/RESULTS.md]
               ReasoningServer.Bench steering [--tokens 256] [--runs 3] [--threads N] [--results bench/RESULTS.md]
          decode   single-stream decode tokens/s of the `bench` tiny model, directly through the engine and
                   through the HTTP server (alternating runs), plus the server's start-to-first-response time.
          window   fills a 131072-token window with the `test` tiny model: prefill time, KV size, resident memory.
          steering decode tokens/s of the `bench` model with and without thinking-budget steering (engine only).
        """);
    return 2;
}
