using System.Globalization;
using System.Text;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Bench.Comparison;

/// <summary>The comparison as it goes into bench/history/compare.md: absolute figures, then ratios measured in the same run.</summary>
internal sealed class CompareReport(CompareArguments arguments)
{
    private const string Raw = "raw llama-batched-bench";

    private readonly List<(TinyModelPreset Preset, CompareSection Section)> _models = [];
    private readonly Dictionary<string, string> _threads = [];
    private readonly string _startLoad = LoadAverage.Now;
    private CompareSection? _scaling;

    public CompareSection StartModel(TinyModelPreset preset)
    {
        var section = new CompareSection(preset.ToString());
        _models.Add((preset, section));
        return section;
    }

    public CompareSection StartScaling() => _scaling = new CompareSection("scaling");

    public void NoteThreads(string target, string lines)
    {
        if (lines.Length > 0)
        {
            _threads.TryAdd(target, lines);
        }
    }

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"\n### Side by side: ours, llama-server, llama-batched-bench ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n"));
        text.AppendLine(Invariant($"{Environment.ProcessorCount} cores, load average {_startLoad} at the start, {LoadAverage.Now} at the end. ")
            + Invariant($"Each level: N streams at once, one user message of {arguments.PromptTokens} tokens each (distinct), {arguments.GeneratedTokens} tokens generated, greedy, ")
            + Invariant($"`<|im_end|>` biased away; `--parallel {arguments.Parallel}`, context {arguments.ContextSize}; every server a fresh process per level, in rotating order. ")
            + "\"ours\" loads the same llama.cpp build as llama-server (`--lib-dir`)"
            + (arguments.Prebuilt ? "; \"npm prebuilt\" is our default libraries" : "")
            + (arguments.EngineOnly ? "; \"engine only\" is the same load straight through our engine, set up as the server sets it up, in a process of its own with no HTTP and no client process. " : ". ")
            + (arguments.Threads > 0 ? Invariant($"Threads: {arguments.Threads} for every program.") : "Threads: each program's default.")
            + (arguments.UnifiedKv
                ? " KV cache: one for all slots in every program (ours' default; `-kvu` for llama.cpp's)."
                : " KV cache: one per slot in every program (llama-server's default with `-np`; ours with `--kv-unified false`).")
            + (arguments.LlamaServerArguments.Length > 0 ? $" llama-server also got `{string.Join(' ', arguments.LlamaServerArguments)}`." : "")
            + (arguments.OurArguments.Length > 0 ? $" Ours also got `{string.Join(' ', arguments.OurArguments)}`." : ""));
        foreach (var (target, lines) in _threads)
        {
            text.AppendLine(Invariant($"- {target}: `{lines}`"));
        }

        foreach (var (preset, section) in _models)
        {
            text.AppendLine(Invariant($"\n`{preset.ToString().ToLowerInvariant()}` preset ({TinyModelSpec.FromPreset(preset).ParameterCount / 1e6:0.0}M parameters, F16):\n"));
            Absolute(text, section);
            text.AppendLine("\nRatios (tokens/s: higher is better for ours; TTFT, ITL, memory: lower is better for ours; raw has one TTFT and one ITL, the time of the batched prompt evaluation and the mean step; "
                + "steady gen tokens/s counts only the time every stream was decoding, which is all of raw's decoding"
                + (arguments.Rounds > 1 ? Invariant($"; each ratio the median of the {arguments.Rounds} rounds' ratios, the last column each round's gen tokens/s ratio") : "")
                + "):\n");
            text.AppendLine("| streams | ratio | gen tokens/s | steady gen tokens/s | prompt tokens/s | TTFT p50 | TTFT p95 | ITL p50 | ITL p95 | peak RSS |"
                + (arguments.Rounds > 1 ? " gen by round |" : ""));
            text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|" + (arguments.Rounds > 1 ? "---|" : ""));
            foreach (var streams in arguments.Streams)
            {
                Ratio(text, section, streams, CompareTarget.Ours, CompareTarget.LlamaServer);
                Ratio(text, section, streams, CompareTarget.Ours, Raw);
                Ratio(text, section, streams, CompareTarget.OursPrebuilt, CompareTarget.LlamaServer);
                Ratio(text, section, streams, CompareTarget.EngineOnly, Raw);
                Ratio(text, section, streams, CompareTarget.Ours, CompareTarget.EngineOnly);
            }
        }

        if (_scaling is { } scaling)
        {
            text.AppendLine(Invariant($"\nScaling with the prompt: `test` preset, one stream, {arguments.ScalingGenerated} tokens generated, context 131072, `--parallel 1`:\n"));
            text.AppendLine("| prompt tokens | server | TTFT ms | prompt tokens/s | gen tokens/s | peak RSS MiB | load |");
            text.AppendLine("|---:|---|---:|---:|---:|---:|---|");
            foreach (var (m, _, load) in scaling.Rows)
            {
                text.AppendLine(Invariant($"| {m.PromptTokens} | {m.Target} | {m.TtftP50:0} | {m.PromptTokensPerSecond:0} | {m.GenerationTokensPerSecond:0.0} | {m.PeakResidentMiB:0} | {load} |"));
            }

            text.AppendLine("\nours / llama-server" + (arguments.Rounds > 1 ? Invariant($" (the median of the {arguments.Rounds} rounds' ratios)") : "") + ":\n");
            text.AppendLine("| prompt tokens | TTFT | prompt tokens/s | gen tokens/s |");
            text.AppendLine("|---:|---:|---:|---:|");
            foreach (var prompt in scaling.Rows.Select(r => r.Measurement.PromptTokens).Distinct())
            {
                var pairs = Rounds(r => (scaling.FindByPrompt(CompareTarget.Ours, prompt, r), scaling.FindByPrompt(CompareTarget.LlamaServer, prompt, r)));
                if (pairs.Count > 0)
                {
                    text.AppendLine(Invariant($"| {prompt} | {MedianRatio(pairs, m => m.TtftP50)} | {MedianRatio(pairs, m => m.PromptTokensPerSecond)} | {MedianRatio(pairs, m => m.GenerationTokensPerSecond)} |"));
                }
            }
        }

        return text.ToString();
    }

    private void Absolute(StringBuilder text, CompareSection section)
    {
        var rounds = arguments.Rounds > 1;
        text.AppendLine((rounds ? "| round " : "") + "| streams | program | gen tokens/s | steady gen tokens/s | prompt tokens/s | TTFT p50 ms | TTFT p95 ms | ITL p50 ms | ITL p95 ms | peak RSS MiB | load |");
        text.AppendLine((rounds ? "|---:" : "") + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (m, round, load) in section.Rows)
        {
            text.AppendLine((rounds ? Invariant($"| {round + 1} ") : "") + $"{m.Row()} {load} |");
        }
    }

    private void Ratio(StringBuilder text, CompareSection section, int streams, string ours, string other)
    {
        var pairs = Rounds(r => (section.Find(ours, streams, r), section.Find(other, streams, r)));
        if (pairs.Count == 0)
        {
            return;
        }

        var memory = Invariant($"{MedianRatio(pairs, m => m.PeakResidentMiB)} ({Statistics.Median([.. pairs.Select(p => p.Ours.PeakResidentMiB - p.Other.PeakResidentMiB)]):+0;-0} MiB)");
        var byRound = arguments.Rounds > 1
            ? " " + string.Join(", ", pairs.Select(p => Format(RatioOf(p.Ours.GenerationTokensPerSecond, p.Other.GenerationTokensPerSecond)))) + " |"
            : "";
        text.AppendLine(Invariant($"| {streams} | {ours} / {other} | {MedianRatio(pairs, m => m.GenerationTokensPerSecond)} | {MedianRatio(pairs, m => m.SteadyTokensPerSecond)} | ")
            + Invariant($"{MedianRatio(pairs, m => m.PromptTokensPerSecond)} | {MedianRatio(pairs, m => m.TtftP50)} | {MedianRatio(pairs, m => m.TtftP95)} | ")
            + Invariant($"{MedianRatio(pairs, m => m.ItlP50)} | {MedianRatio(pairs, m => m.ItlP95)} | {memory} |{byRound}"));
    }

    /// <summary>The rounds in which both programs were measured.</summary>
    private List<(StreamsMeasurement Ours, StreamsMeasurement Other)> Rounds(Func<int, (StreamsMeasurement?, StreamsMeasurement?)> find) =>
        [.. Enumerable.Range(0, arguments.Rounds).Select(find).Where(p => p is ({ }, { })).Select(p => (p.Item1!, p.Item2!))];

    /// <summary>Each round's ratio of one figure (ours over the other's), the median of them, formatted; empty when none can be taken.</summary>
    private static string MedianRatio(List<(StreamsMeasurement Ours, StreamsMeasurement Other)> pairs, Func<StreamsMeasurement, double> figure)
    {
        var ratios = pairs.Select(p => RatioOf(figure(p.Ours), figure(p.Other))).Where(r => !double.IsNaN(r)).ToList();
        return ratios.Count == 0 ? "" : Format(Statistics.Median(ratios));
    }

    /// <summary>Ours over the other's; NaN when it cannot be taken (no figure, or the other's is zero).</summary>
    private static double RatioOf(double ours, double other) => other > 0 ? ours / other : double.NaN;

    private static string Format(double ratio) => double.IsNaN(ratio) ? "" : ratio.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
