using ReasoningServer.Bench;

return args switch
{
    ["decode", .. var rest] => await DecodeBenchmark.RunAsync(BenchArguments.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: ReasoningServer.Bench decode --server PATH/ReasoningServer.dll [--tokens 256] [--runs 3] [--threads 2] [--results bench/RESULTS.md]
          decode   single-stream decode tokens/s of the `bench` tiny model, directly through the engine and
                   through the HTTP server (alternating runs), plus the server's start-to-first-response time.
        """);
    return 2;
}
