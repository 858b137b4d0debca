using ReasoningServer.Bench;
using ReasoningServer.Bench.Common;
using ReasoningServer.Bench.Comparison;
using ReasoningServer.Bench.Crash;
using ReasoningServer.Bench.Decode;
using ReasoningServer.Bench.Fuzz;
using ReasoningServer.Bench.Ledger;
using ReasoningServer.Bench.Load;
using ReasoningServer.Bench.Overload;
using ReasoningServer.Bench.Reasoner;
using ReasoningServer.Bench.Soak;
using ReasoningServer.Bench.TestTime;

return args switch
{
    ["decode", .. var rest] => await DecodeBenchmark.RunAsync(BenchArguments.Parse(rest)),
    ["window", .. var rest] => await WindowBenchmark.RunAsync(BenchArguments.Parse(rest)),
    ["steering", .. var rest] => await SteeringBenchmark.RunAsync(BenchArguments.Parse(rest)),
    ["grammar", .. var rest] => await GrammarBenchmark.RunAsync(BenchArguments.Parse(rest), Value(rest, "--qwen3-tokenizer")),
    ["ledger", .. var rest] => await LedgerBenchmark.RunAsync(BenchArguments.Parse(rest),
        Value(rest, "--postgres") ?? Environment.GetEnvironmentVariable("REASONINGSERVER_TEST_POSTGRES"),
        int.Parse(Value(rest, "--records") ?? "20000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Value(rest, "--requests") ?? "200", System.Globalization.CultureInfo.InvariantCulture)),
    ["eval-reasoner", .. var rest] => await ReasonerEvaluation.RunAsync(ReasonerEvalArguments.Parse(rest)),
    ["load", .. var rest] => await LoadBenchmark.RunAsync(LoadArguments.Parse(rest)),
    ["step-threads", .. var rest] => await StepThreadsBenchmark.RunAsync(rest),
    ["compare", .. var rest] => await CompareBenchmark.RunAsync(CompareArguments.Parse(rest)),
    [EngineStreamsCommand.Verb, .. var rest] => await EngineStreamsCommand.RunAsync(rest),
    ["fuzz", .. var rest] => await FuzzBenchmark.RunAsync(FuzzArguments.Parse(rest)),
    ["test-time", .. var rest] => await TestTimeBenchmark.RunAsync(TestTimeArguments.Parse(rest)),
    ["crash", .. var rest] => await CrashBenchmark.RunAsync(CrashArguments.Parse(rest)),
    ["soak", .. var rest] => await SoakBenchmark.RunAsync(SoakArguments.Parse(rest)),
    ["overload", .. var rest] => await OverloadBenchmark.RunAsync(OverloadArguments.Parse(rest)),
    _ => Usage(),
};

static string? Value(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: ReasoningServer.Bench decode --server PATH/ReasoningServer.dll [--tokens 256] [--runs 3] [--threads 2] [--results bench/history/decode.md]
               ReasoningServer.Bench window [--threads N] [--results bench/history/window.md]
               ReasoningServer.Bench steering [--tokens 256] [--runs 3] [--threads N] [--results bench/history/steering.md]
               ReasoningServer.Bench grammar [--tokens 256] [--runs 3] [--threads N] [--qwen3-tokenizer FOLDER] [--results bench/history/grammar.md]
               ReasoningServer.Bench ledger --server PATH/ReasoningServer.dll [--records 20000] [--requests 200] [--postgres CONNECTION] [--results bench/history/ledger.md]
               ReasoningServer.Bench eval-reasoner (--engine | --url http://127.0.0.1:8080 | --server PATH/ReasoningServer.dll)
                   [--model models/tiny-reasoner-add.gguf] [--model-id tiny-reasoner] [--problems 100] [--budgets 0,19,38,...]
                   [--concurrency 4] [--threads 0] [--results bench/history/eval-reasoner.md]
               ReasoningServer.Bench load (--server PATH/ReasoningServer.dll | --base-url URL [--model ID]) [--clients 1,4,8]
                   [--turns 3] [--tokens 64] [--parallel 8] [--choices 8] [--no-engine] [--results bench/history/load.md]
               ReasoningServer.Bench compare --server PATH/ReasoningServer.dll --llama-bin LLAMA_CPP_BUILD [--quick]
                   [--models bench,large] [--streams 1,4,8,16] [--prompt 512] [--tokens 128] [--threads 0]
                   [--scaling 1k,8k,32k,128k | --no-scaling] [--scaling-tokens 32] [--no-prebuilt] [--no-engine-only] [--rounds 3]
                   [--kv per-slot|unified] [--llama-server-args ARGS] [--ours-args ARGS]
                   [--results bench/history/compare.md]
               ReasoningServer.Bench fuzz --server PATH/ReasoningServer.dll [--cases 10000] [--seed N] [--concurrency 4]
                   [--slow-loris 16] [--timeout 60] [--findings DIR] [--results bench/history/fuzz.md] [--dump CASE_ID]
               ReasoningServer.Bench test-time --server PATH/ReasoningServer.dll [--model models/tiny-reasoner-add.gguf] [--problems 20]
                   [--samples 1,2,4,8,16] [--temperature 0.8] [--no-accuracy] [--no-wall-time] [--wall-samples 8] [--wall-tokens 128]
                   [--rounds 3] [--threads 0] [--results bench/history/test-time.md]
               ReasoningServer.Bench crash --server PATH/ReasoningServer.dll [--rounds 20] [--ledgers sqlite,postgres] [--postgres CONNECTION]
                   [--workers 3] [--seed N] [--results bench/history/crash.md]
               ReasoningServer.Bench soak --server PATH/ReasoningServer.dll [--minutes 10] [--baseline-seconds 30] [--clients 32]
                   [--parallel 8] [--threads 0] [--results bench/history/soak.md]
               ReasoningServer.Bench overload --server PATH/ReasoningServer.dll [--slots 2] [--queue 2] [--factor 4] [--waves 5]
                   [--tokens 32] [--timeout 2] [--threads 0] [--results bench/history/overload.md]
          fuzz     generated bad requests against every endpoint of the real server (seeded, reproducible) plus held
                   slow-loris connections: status histogram, 5xx, non-OpenAI-shaped errors, crashes, RSS before/after.
          overload factor × (slots + queue) concurrent requests in waves: statuses (429 with Retry-After, no 5xx), latency
                   of admitted requests; then endless requests under --request-timeout, which must end at the limit.
          soak     32 streaming clients hanging up mid-stream or before the first byte, slow readers and normal readers:
                   afterwards slots, queue and KV back to 0, every request in the SQLite ledger as it ended, RSS steady,
                   and the normal readers' token rate in the mix vs alone.
          decode   single-stream decode tokens/s of the `bench` tiny model, directly through the engine and
                   through the HTTP server (alternating runs), plus the server's start-to-first-response time.
          window   fills a 131072-token window with the `test` tiny model: prefill time, KV size, resident memory.
          steering decode tokens/s of the `bench` model with and without thinking-budget steering (engine only).
          grammar  decode tokens/s without a grammar and with two json_schema grammars (engine only), on the `bench`
                   model and, given Qwen3's tokenizer.json folder, on a tiny model with its 151,936-token vocabulary.
          ledger   usage-ledger write throughput (SQLite, and PostgreSQL when a connection string is given or
                   REASONINGSERVER_TEST_POSTGRES is set) and the p50 latency a request gains from keys and the ledger.
          eval-reasoner  the tiny reasoner on held-out sums of 2..8 digits: thinking vs reasoning_effort none, and
                   accuracy vs thinking budget; in process through the engine, or over HTTP with the OpenAI SDK.
          load     concurrent streaming clients with multi-turn conversations: tokens/s, TTFT and inter-token latency
                   percentiles, prefix-cache hit rate; our server vs the bare engine, or any OpenAI-compatible server.
          compare  ours vs llama-server (same model, context, slots, prompts, max tokens, greedy) vs llama-batched-bench,
                   1/4/8/16 streams, as ratios from one run; plus TTFT and throughput against prompt length. It also runs
                   the same load through our engine alone (no HTTP, no client process) to split the server's gap to raw.
          crash    SIGKILL under mixed load, then a restart on the same ledger, round after round: every request a client saw
                   complete is in the ledger with the usage it saw, the database sound, the restart clean, stored responses readable.
          test-time  self-consistency on the tiny reasoner: voted accuracy, pass@k and tokens vs samples per digit count;
                   and the wall time of one test_time request of 8 samples vs 8 sequential and 8 concurrent requests (`bench` preset).
        """);
    return 2;
}
