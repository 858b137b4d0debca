using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using ReasoningServer.Bench.Chat;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Native;

namespace ReasoningServer.Bench.Comparison;

/// <summary>
/// The <c>engine-streams</c> verb, run by the comparison as a child process of its own: the comparison's streaming load
/// straight through <see cref="InferenceEngine"/>, with the engine set up as the server sets it up and no HTTP, JSON or
/// client process. Set beside the server and llama-batched-bench it splits the server's gap to raw into what the engine
/// and its readers cost and what HTTP and the client cost. Prints the measurement as one JSON line.
/// </summary>
internal static class EngineStreamsCommand
{
    public const string Verb = "engine-streams";

    /// <summary>How the measurement crosses to the comparison: a steady rate may be NaN (no window where all streams decoded).</summary>
    public static readonly JsonSerializerOptions MeasurementJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> RunAsync(string[] args)
    {
        string Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is required");
        int Number(string name) => int.Parse(Value(name), CultureInfo.InvariantCulture);

        LlamaNativeLibrary.Initialize(Value("--lib-dir"), null);
        using var model = LoadedModel.Load(new ModelLoadOptions(Value("--model")));
        var threads = Number("--threads");
        using var engine = new InferenceEngine(model, new EngineOptions
        {
            ContextSize = Number("--ctx-size"),
            Slots = Number("--parallel"),
            KvUnified = bool.Parse(Value("--kv-unified")),
            Threads = threads,
            BatchThreads = threads,
        }, NullLogger<InferenceEngine>.Instance);
        await engine.StartAsync();

        var turns = await StreamLoad.MeasureAsync(new EngineChatTarget(engine, temperature: 0), Number("--streams"), Number("--prompt"), Number("--tokens"));
        var measurement = StreamsMeasurement.From(CompareTarget.EngineOnly, turns, ProcessMemory.PeakResidentMiB());
        Console.WriteLine(JsonSerializer.Serialize(measurement, MeasurementJson));
        return 0;
    }
}
