using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ReasoningServer.Bench.Common;

namespace ReasoningServer.Bench.Comparison;

/// <summary>
/// llama.cpp's own batched decoding with no server around it (llama-batched-bench): N sequences of the same
/// prompt length evaluated together, then N tokens per step. Its figures are the ceiling for "raw".
/// </summary>
internal static class BatchedBenchRun
{
    /// <returns>The measurement in the comparison's terms: TTFT is the time to evaluate all N prompts, ITL the mean step time.</returns>
    public static async Task<StreamsMeasurement> RunAsync(string llamaBin, CompareLoad load, int threads, bool unifiedKv)
    {
        var (modelPath, contextSize, _, streams, promptTokens, generatedTokens) = load;
        var start = new ProcessStartInfo(Path.Combine(llamaBin, "llama-batched-bench"))
        {
            ArgumentList =
            {
                "-m", modelPath, "-c", contextSize.ToString(CultureInfo.InvariantCulture), "-b", "512", "-ub", "512",
                "-npp", promptTokens.ToString(CultureInfo.InvariantCulture), "-ntg", generatedTokens.ToString(CultureInfo.InvariantCulture),
                "-npl", streams.ToString(CultureInfo.InvariantCulture), "--output-format", "jsonl",
            },
        };
        if (unifiedKv)
        {
            start.ArgumentList.Add("-kvu");
        }

        if (threads > 0)
        {
            start.ArgumentList.Add("-t");
            start.ArgumentList.Add(threads.ToString(CultureInfo.InvariantCulture));
        }

        var run = await ChildProcessRegistry.RunToEndAsync(start);
        var line = (run.StandardOutput + "\n" + run.StandardError).Split('\n').FirstOrDefault(l => l.StartsWith("{\"n_kv_max\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"llama-batched-bench printed no result:\n{run.StandardError}");
        var json = JsonNode.Parse(line)!;
        var promptSeconds = (double)json["t_pp"]!;
        var stepMs = (double)json["t_tg"]! * 1000 / generatedTokens;
        // It decodes every stream in step from the first token on: its steady rate is its rate.
        var decode = (double)json["speed_tg"]!;
        return new StreamsMeasurement("raw llama-batched-bench", streams, decode, decode, (double)json["speed_pp"]!,
            promptSeconds * 1000, promptSeconds * 1000, stepMs, stepMs, run.PeakResidentMiB, promptTokens, streams * generatedTokens);
    }
}
