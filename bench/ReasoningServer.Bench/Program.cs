using ReasoningServer.Bench;

return args switch
{
    ["decode", .. var rest] => await DecodeBenchmark.RunAsync(BenchArguments.Parse(rest)),
    ["eval-reasoner", .. var rest] => await ReasonerEvaluation.RunAsync(ReasonerEvalArguments.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: ReasoningServer.Bench decode --server PATH/ReasoningServer.dll [--tokens 256] [--runs 3] [--threads 2] [--results bench/RESULTS.md]
          decode   single-stream decode tokens/s of the `bench` tiny model, directly through the engine and
                   through the HTTP server (alternating runs), plus the server's start-to-first-response time.
               ReasoningServer.Bench eval-reasoner (--engine | --url http://127.0.0.1:8080 | --server PATH/ReasoningServer.dll)
                   [--model models/tiny-reasoner-add.gguf] [--model-id tiny-reasoner] [--problems 100] [--budgets 0,9,18,...]
                   [--concurrency 4] [--threads 0] [--results bench/RESULTS.md]
          eval-reasoner  the tiny reasoner on held-out sums of 2..8 digits: thinking vs reasoning_effort none, and
                   accuracy vs thinking budget; in process through the engine, or over HTTP with the OpenAI SDK.
        """);
    return 2;
}
