using System.Globalization;
using System.Numerics;

namespace ReasoningServer.Bench.Comparison;

/// <summary>Settings of the <c>compare</c> verb (bench/compare.sh): ours against llama-server and llama-batched-bench.</summary>
/// <param name="ServerDll">Our server.</param>
/// <param name="LlamaBin">The llama.cpp build folder: llama-server, llama-batched-bench and the shared libraries ours loads with <c>--lib-dir</c>.</param>
/// <param name="Models">Tiny-model presets to compare on (bench, large).</param>
/// <param name="Streams">Concurrent streams; every level runs on fresh server processes with <see cref="Parallel"/> slots.</param>
/// <param name="PromptTokens">Prompt length of each stream (the byte vocabulary makes one character one token).</param>
/// <param name="GeneratedTokens">Tokens generated per stream, greedy, the end of turn biased away.</param>
/// <param name="Threads">Threads given to every engine (0 = each program's own default).</param>
/// <param name="ScalingPrompts">Prompt lengths of the single-stream scaling table (`test` preset); empty skips it.</param>
/// <param name="Prebuilt">Also run ours on the npm prebuilt libraries, to show what the library build alone changes.</param>
/// <param name="EngineOnly">Also run the load through our engine alone (no HTTP, no client process), to split our gap to raw.</param>
/// <param name="UnifiedKv">
/// The KV layout every program runs with: false (the default) a cache per slot, llama-server's layout with an explicit
/// <c>-np</c> (ours gets <c>--kv-unified false</c>); true one cache for all slots, ours' default (<c>-kvu</c> for llama.cpp's).
/// With 8 streams the layouts decode at different speeds, so the programs must share one to be compared.
/// </param>
/// <param name="Rounds">
/// Times every level is run, each round in another order; a ratio is then the median of the rounds' ratios (each between
/// runs minutes apart at most), since one run of any program swings by up to 30 % on two shared cores.
/// </param>
/// <param name="LlamaServerArguments">Extra llama-server flags.</param>
/// <param name="OurArguments">Extra flags for our server.</param>
internal sealed record CompareArguments(
    string ServerDll, string LlamaBin, string[] Models, int[] Streams, int PromptTokens, int GeneratedTokens, int Threads,
    int[] ScalingPrompts, int ScalingGenerated, bool Prebuilt, bool EngineOnly, bool UnifiedKv, int Rounds, string[] LlamaServerArguments, string[] OurArguments, string? ResultsPath)
{
    public int Parallel => Streams.Max();

    /// <summary>Shared KV size: every slot holds its prompt and completion with room to spare.</summary>
    public int ContextSize => (int)Math.Max(4096, BitOperations.RoundUpToPowerOf2((uint)(Parallel * (PromptTokens + GeneratedTokens + 64))));

    public static CompareArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        int[] Numbers(string name, string fallback) => (Value(name) ?? fallback).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => int.Parse(n.TrimEnd('k', 'K'), CultureInfo.InvariantCulture) * (n.EndsWith('k') || n.EndsWith('K') ? 1024 : 1)).ToArray();

        // --quick: one model, fewer levels, short scaling prompts: a few minutes on two cores.
        var quick = args.Contains("--quick");
        return new CompareArguments(
            Value("--server") ?? throw new ArgumentException("--server PATH/ReasoningServer.dll is required"),
            Value("--llama-bin") ?? throw new ArgumentException("--llama-bin FOLDER is required"),
            (Value("--models") ?? (quick ? "bench" : "bench,large")).Split(','),
            Numbers("--streams", quick ? "1,8" : "1,4,8,16"),
            Number("--prompt", 512),
            Number("--tokens", quick ? 64 : 128),
            Number("--threads", 0),
            args.Contains("--no-scaling") ? [] : Numbers("--scaling", quick ? "1k,8k" : "1k,8k,32k,128k"),
            Number("--scaling-tokens", 32),
            !args.Contains("--no-prebuilt"),
            !args.Contains("--no-engine-only"),
            (Value("--kv") ?? "per-slot") switch
            {
                "per-slot" => false,
                "unified" => true,
                var other => throw new ArgumentException($"--kv takes per-slot or unified, not {other}"),
            },
            Math.Max(1, Number("--rounds", quick ? 1 : 3)),
            (Value("--llama-server-args") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            (Value("--ours-args") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Value("--results"));
    }
}
