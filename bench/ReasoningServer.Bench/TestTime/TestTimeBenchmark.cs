using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Engine.Training;
using ReasoningServer.Reasoning.TestTime;

namespace ReasoningServer.Bench.TestTime;

/// <summary>
/// Issue 7's measurements, through the real server over HTTP:
/// <list type="number">
/// <item>the tiny reasoner on held-out sums: self-consistency accuracy and generated tokens versus the number of
/// samples, per digit count, next to pass@k (the share a perfect verifier would get);</item>
/// <item>the wall time of one <c>test_time</c> request with 8 samples versus the same 8 samples as 8 sequential
/// and as 8 concurrent single requests, `bench` preset, and the prompt tokens each evaluated.</item>
/// </list>
/// </summary>
internal static class TestTimeBenchmark
{
    /// <summary>Random k-subsets of a problem's samples averaged for each k below the largest.</summary>
    private const int Subsets = 64;

    public static async Task<int> RunAsync(TestTimeArguments arguments)
    {
        var report = new StringBuilder();
        if (arguments.Accuracy)
        {
            if (!File.Exists(arguments.ModelPath))
            {
                Console.Error.WriteLine($"No model at {arguments.ModelPath}: pass --model PATH (the trained tiny reasoner), or --no-accuracy.");
                return 2;
            }

            report.Append(await AccuracyAsync(arguments));
        }

        if (arguments.WallTime)
        {
            report.Append(await WallTimeAsync(arguments));
        }

        Console.WriteLine(report);
        if (arguments.ResultsPath is { } results)
        {
            await File.AppendAllTextAsync(results, report.ToString());
        }

        return 0;
    }

    private static async Task<string> AccuracyAsync(TestTimeArguments arguments)
    {
        var clock = Stopwatch.StartNew();
        var most = arguments.Samples[^1];
        await using var server = await ServerProcess.StartAsync(arguments.ServerDll, arguments.ModelPath, 8192, arguments.Threads,
            ["--parallel", Math.Min(most, 16).ToString(CultureInfo.InvariantCulture), .. Library(arguments)], modelId: TinyReasonerModel.Id);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n### Self-consistency on the tiny reasoner ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n");
        text.Append(CultureInfo.InvariantCulture,
                $"Model `{Path.GetFileName(arguments.ModelPath)}`; {arguments.Problems} held-out sums per digit count; one `test_time` request of {most} samples per sum ")
            .Append(CultureInfo.InvariantCulture,
                $"(temperature {arguments.Temperature}, seed = problem number, answer = last number of the visible answer). Votes for k < {most} are recounted with the ")
            .Append(CultureInfo.InvariantCulture,
                $"server's `MajorityVote` over {Subsets} random k-subsets of those samples; pass@k is the unbiased estimate from all {most} (Chen et al. 2021). ")
            .AppendLine("Tokens are generated tokens per sum (all k samples, reasoning included); agreement is the winner's share of the votes, where any sample voted.\n");
        text.AppendLine("| digits | k | voted accuracy | pass@k | tokens per sum | agreement |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");

        var earlyStop = new StringBuilder();
        earlyStop.AppendLine(CultureInfo.InvariantCulture,
            $"\nEarly stopping (adaptive consistency): the same requests again with `early_stop: true`, next to all {most} samples voting.\n");
        earlyStop.AppendLine(CultureInfo.InvariantCulture,
            $"| digits | accuracy, {most} samples | accuracy, early stop | samples run, early stop (mean) | tokens per sum, {most} samples | tokens per sum, early stop |");
        earlyStop.AppendLine("|---:|---:|---:|---:|---:|---:|");

        var digitCounts = Enumerable.Range(AdditionProblemGenerator.MinHeldOutDigits, AdditionProblemGenerator.MaxDigits - AdditionProblemGenerator.MinHeldOutDigits + 1);
        foreach (var digits in digitCounts)
        {
            Console.Error.WriteLine($"{digits} digits...");
            var problems = AdditionProblemGenerator.HeldOut(digits, arguments.Problems);
            var sampled = new List<(string Sum, List<(string? Answer, int Tokens)> Samples)>();
            for (var p = 0; p < problems.Count; p++)
            {
                sampled.Add((problems[p].Sum.ToString(CultureInfo.InvariantCulture), await SampleAsync(server.Http, problems[p], most, arguments.Temperature, seed: p)));
            }

            foreach (var k in arguments.Samples)
            {
                double voted = 0, covered = 0, tokens = 0, agreement = 0, decided = 0;
                foreach (var (sum, samples) in sampled)
                {
                    var random = new Random(k * 7919 + digits);
                    var subsets = k == samples.Count ? 1 : Subsets;
                    for (var s = 0; s < subsets; s++)
                    {
                        var chosen = k == samples.Count ? [.. Enumerable.Range(0, k)] : Enumerable.Range(0, samples.Count).OrderBy(_ => random.Next()).Take(k).Order().ToList();
                        var tally = MajorityVote.Tally(chosen.Select((i, rank) => new SampleOutcome(rank, samples[i].Answer, null)));
                        voted += tally.Winner == sum ? 1.0 / subsets : 0;
                        if (tally.Voters > 0)
                        {
                            agreement += tally.Agreement;
                            decided++;
                        }

                        tokens += chosen.Sum(i => samples[i].Tokens) / (double)subsets;
                    }

                    covered += PassAtK(samples.Count, samples.Count(x => x.Answer == sum), k);
                }

                var n = sampled.Count;
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {digits} | {k} | {voted / n:P0} | {covered / n:P0} | {tokens / n:0} | {(decided == 0 ? 0 : agreement / decided):0.00} |");
            }

            double stoppedRight = 0, stoppedRun = 0, stoppedTokens = 0, allRight = 0, allTokens = 0;
            for (var p = 0; p < problems.Count; p++)
            {
                var (sum, samples) = sampled[p];
                allRight += MajorityVote.Tally(samples.Select((x, i) => new SampleOutcome(i, x.Answer, null))).Winner == sum ? 1 : 0;
                allTokens += samples.Sum(x => x.Tokens);
                var (winner, run, generated) = await EarlyStopAsync(server.Http, problems[p], most, arguments.Temperature, seed: p);
                stoppedRight += winner == sum ? 1 : 0;
                stoppedRun += run;
                stoppedTokens += generated;
            }

            var count = problems.Count;
            earlyStop.AppendLine(CultureInfo.InvariantCulture,
                $"| {digits} | {allRight / count:P0} | {stoppedRight / count:P0} | {stoppedRun / count:0.0} | {allTokens / count:0} | {stoppedTokens / count:0} |");
        }

        text.Append(earlyStop);
        text.AppendLine(CultureInfo.InvariantCulture, $"\nMeasured in {clock.Elapsed.TotalSeconds:0} s.\n");
        return text.ToString();
    }

    /// <summary>One self-consistency request; each sample's extracted answer and its generated tokens, in sample order.</summary>
    private static async Task<List<(string? Answer, int Tokens)>> SampleAsync(HttpClient http, AdditionProblem problem, int samples, float temperature, int seed)
    {
        var response = await PostAsync(http, SelfConsistency(problem, samples, temperature, seed, earlyStop: false));
        return [.. response["test_time"]!["samples"]!.AsArray().Select(s => ((string?)s!["answer"], (int)s["completion_tokens"]!))];
    }

    /// <summary>One self-consistency request with early stopping: the winner, the samples it ran and the tokens they generated.</summary>
    private static async Task<(string? Winner, int SamplesRun, int Tokens)> EarlyStopAsync(
        HttpClient http, AdditionProblem problem, int samples, float temperature, int seed)
    {
        var response = await PostAsync(http, SelfConsistency(problem, samples, temperature, seed, earlyStop: true));
        var report = response["test_time"]!;
        return ((string?)report["winner"], (int)report["samples_run"]!, (int)response["usage"]!["completion_tokens"]!);
    }

    private static JsonObject SelfConsistency(AdditionProblem problem, int samples, float temperature, int seed, bool earlyStop)
    {
        return new JsonObject
        {
            ["model"] = TinyReasonerModel.Id,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = AdditionChainOfThought.Question(problem) }),
            ["max_completion_tokens"] = AdditionEvaluator.MaxCompletionTokens + 16,
            ["temperature"] = temperature,
            ["seed"] = seed,
            ["test_time"] = new JsonObject
            {
                ["strategy"] = "self_consistency",
                ["samples"] = samples,
                ["answer"] = new JsonObject { ["extract"] = "last_number" },
                ["early_stop"] = earlyStop,
            },
        };
    }

    /// <summary>1 - C(n - c, k) / C(n, k): the chance that k of the n samples include a correct one.</summary>
    private static double PassAtK(int n, int correct, int k)
    {
        if (n - correct < k)
        {
            return 1;
        }

        var none = 1.0;
        for (var i = n - correct + 1; i <= n; i++)
        {
            none *= 1 - ((double)k / i);
        }

        return 1 - none;
    }

    private static string[] Library(TestTimeArguments arguments) =>
        arguments.LibraryDirectory is { } directory ? ["--lib-dir", directory] : [];

    private static async Task<string> WallTimeAsync(TestTimeArguments arguments)
    {
        var modelPath = TinyModelCache.EnsureModel(TinyModelPreset.Bench);
        var n = arguments.WallSamples;
        await using var server = await ServerProcess.StartAsync(arguments.ServerDll, modelPath, 8192, arguments.Threads,
            ["--parallel", n.ToString(CultureInfo.InvariantCulture), .. Library(arguments)]);

        // Every mode gets prompts of its own each round (no cache hits across modes), all of the same length.
        JsonObject Body(string mode, int round, int seed, bool testTime)
        {
            var body = new JsonObject
            {
                ["model"] = "bench",
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"{mode} {round}: " + PromptText.Make(512, round) }),
                ["max_completion_tokens"] = arguments.WallTokens,
                ["temperature"] = 1,
                ["seed"] = seed,
                // Every sample runs to the token limit, so all modes generate the same number of tokens.
                ["logit_bias"] = new JsonObject
                {
                    [ByteLevelBpeVocabulary.ImEndId.ToString(CultureInfo.InvariantCulture)] = -100,
                    [ByteLevelBpeVocabulary.EndOfTextId.ToString(CultureInfo.InvariantCulture)] = -100,
                },
            };
            if (testTime)
            {
                body["test_time"] = new JsonObject { ["strategy"] = "self_consistency", ["samples"] = n };
            }

            return body;
        }

        async Task<(TimeSpan Wall, long Evaluated, int Completion)> Measure(Func<Task<int>> run)
        {
            var before = await PromptEvaluatedAsync(server.Http);
            var clock = Stopwatch.StartNew();
            var completion = await run();
            var wall = clock.Elapsed;
            return (wall, await PromptEvaluatedAsync(server.Http) - before, completion);
        }

        static int Completion(JsonNode response) => (int)response["usage"]!["completion_tokens"]!;

        await PostAsync(server.Http, Body("warm-up", 0, 1, testTime: true));
        var batched = new List<(TimeSpan Wall, long Evaluated, int Completion)>();
        var sequential = new List<(TimeSpan Wall, long Evaluated, int Completion)>();
        var concurrent = new List<(TimeSpan Wall, long Evaluated, int Completion)>();
        for (var round = 1; round <= arguments.Rounds; round++)
        {
            Console.Error.WriteLine($"wall time round {round}...");
            var r = round;
            batched.Add(await Measure(async () => Completion(await PostAsync(server.Http, Body("batched", r, 1, testTime: true)))));
            sequential.Add(await Measure(async () =>
            {
                var total = 0;
                for (var i = 0; i < n; i++)
                {
                    total += Completion(await PostAsync(server.Http, Body("sequential", r, 1 + i, testTime: false)));
                }

                return total;
            }));
            concurrent.Add(await Measure(async () =>
                (await Task.WhenAll(Enumerable.Range(0, n).Select(i => PostAsync(server.Http, Body("concurrent", r, 1 + i, testTime: false))))).Sum(Completion)));
        }

        static (TimeSpan Wall, long Evaluated, int Completion) Median(List<(TimeSpan Wall, long Evaluated, int Completion)> runs) =>
            runs.OrderBy(x => x.Wall).ElementAt(runs.Count / 2);

        var (b, s, c) = (Median(batched), Median(sequential), Median(concurrent));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n### One `test_time` request of {n} samples vs {n} single requests, `bench` preset ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n");
        text.Append(CultureInfo.InvariantCulture,
                $"Prompt of about 512 tokens, {arguments.WallTokens} generated tokens per sample (end of turn banned), `--parallel {n}`, median of {arguments.Rounds} rounds ")
            .AppendLine(CultureInfo.InvariantCulture,
                $"(modes interleaved), llama.cpp {(arguments.LibraryDirectory is null ? "npm prebuilt libraries (the default)" : $"from `{arguments.LibraryDirectory}`")}, load average {LoadAverage.Now}. Prompt tokens evaluated: the server's `reasoning_server_prompt_evaluated_tokens_total` over the mode.\n");
        text.AppendLine("| mode | wall, ms | vs sequential | generated tokens | prompt tokens evaluated |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, run) in new[] { ($"one request, `test_time.samples = {n}`", b), ($"{n} sequential requests", s), ($"{n} concurrent requests", c) })
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {run.Wall.TotalMilliseconds:0} | {run.Wall / s.Wall:0.00} | {run.Completion} | {run.Evaluated} |");
        }

        return text.ToString();
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, JsonObject body)
    {
        using var response = await http.PostAsync("/v1/chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!;
    }

    private static async Task<long> PromptEvaluatedAsync(HttpClient http)
    {
        var metrics = await http.GetStringAsync("/metrics");
        var line = metrics.Split('\n').Single(l => l.StartsWith("reasoning_server_prompt_evaluated_tokens_total ", StringComparison.Ordinal));
        return (long)double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }
}
