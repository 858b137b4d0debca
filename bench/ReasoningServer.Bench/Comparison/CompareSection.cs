using ReasoningServer.Bench.Common;

namespace ReasoningServer.Bench.Comparison;

/// <summary>The measurements of one table of the comparison, each with its round and the load average when it was taken.</summary>
internal sealed class CompareSection(string title)
{
    public string Title { get; } = title;

    public List<(StreamsMeasurement Measurement, int Round, string Load)> Rows { get; } = [];

    public void Add(StreamsMeasurement measurement, int round) => Rows.Add((measurement, round, LoadAverage.Now));

    public StreamsMeasurement? Find(string target, int streams, int round) =>
        Rows.LastOrDefault(r => r.Measurement.Target == target && r.Measurement.Streams == streams && r.Round == round).Measurement;

    /// <summary>The scaling table's rows are one stream each: they are told apart by their prompt.</summary>
    public StreamsMeasurement? FindByPrompt(string target, int promptTokens, int round) =>
        Rows.LastOrDefault(r => r.Measurement.Target == target && r.Measurement.PromptTokens == promptTokens && r.Round == round).Measurement;
}
