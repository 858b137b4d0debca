namespace ReasoningServer.Bench;

/// <summary>The measurements of one table of the comparison, each with the load average when it was taken.</summary>
internal sealed class CompareSection(string title)
{
    public string Title { get; } = title;

    public List<(StreamsMeasurement Measurement, string Load)> Rows { get; } = [];

    public void Add(StreamsMeasurement measurement) => Rows.Add((measurement, LoadAverage.Now));

    public StreamsMeasurement? Find(string target, int streams) =>
        Rows.Select(r => r.Measurement).LastOrDefault(m => m.Target == target && m.Streams == streams);
}
