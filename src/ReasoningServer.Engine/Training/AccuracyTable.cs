using System.Globalization;
using System.Text;

namespace ReasoningServer.Engine.Training;

/// <summary>Thinking versus direct accuracy per digit count.</summary>
public sealed record AccuracyTable(IReadOnlyList<AccuracyRow> Rows)
{
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| digits | problems | thinking | direct (`reasoning_effort: none`) | mean reasoning tokens | closed its own thinking |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var row in Rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Digits} | {row.Problems} | {row.ThinkingAccuracy:P0} | {row.DirectAccuracy:P0} | {row.MeanReasoningTokens:0.0} | {row.SelfClosedShare:P0} |"));
        }

        return text.ToString();
    }
}
