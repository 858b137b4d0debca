using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;
using ReasoningServer.Accounting.Ledger;
using ReasoningServer.Errors;

namespace ReasoningServer.Endpoints;

/// <summary>
/// The query string of OpenAI's usage and costs APIs: <c>start_time</c> (required), <c>end_time</c>
/// (default now), <c>bucket_width</c> (<c>1m</c>, <c>1h</c>, <c>1d</c>), <c>group_by</c>, <c>api_key_ids</c>,
/// <c>models</c>, <c>limit</c> (buckets per page) and the <c>page</c> cursor. Buckets start at <c>start_time</c>.
/// </summary>
internal sealed record UsagePageRequest(
    DateTimeOffset PageStart,
    DateTimeOffset End,
    TimeSpan Width,
    int Limit,
    bool GroupByApiKey,
    bool GroupByModel,
    IReadOnlyList<string> ApiKeyIds,
    IReadOnlyList<string> Models)
{
    private const string CursorPrefix = "bucket:";

    public static UsagePageRequest Parse(IQueryCollection query, TimeProvider time)
    {
        var start = Seconds(query, "start_time") ?? throw OpenAIException.InvalidRequest("start_time is required (Unix seconds).", "start_time");
        var end = Seconds(query, "end_time") ?? time.GetUtcNow().ToUnixTimeSeconds() + 1; // + 1: include requests of this very second
        if (end <= start)
        {
            throw OpenAIException.InvalidRequest("end_time must be after start_time.", "end_time", "invalid_value");
        }

        var (width, defaultLimit, maxLimit) = query["bucket_width"].ToString() switch
        {
            "" or "1d" => (TimeSpan.FromDays(1), 7, 31),
            "1h" => (TimeSpan.FromHours(1), 24, 168),
            "1m" => (TimeSpan.FromMinutes(1), 60, 1440),
            var other => throw OpenAIException.InvalidRequest($"bucket_width must be 1m, 1h or 1d, not '{other}'.", "bucket_width", "invalid_value"),
        };
        var limit = (int?)Seconds(query, "limit") ?? defaultLimit;
        if (limit < 1 || limit > maxLimit)
        {
            throw OpenAIException.InvalidRequest($"limit must be between 1 and {maxLimit} for bucket_width {query["bucket_width"]}.", "limit", "invalid_value");
        }

        var groupBy = List(query, "group_by");
        if (groupBy.FirstOrDefault(g => g is not ("api_key_id" or "model")) is { } unknown)
        {
            throw OpenAIException.InvalidRequest($"group_by supports api_key_id and model, not '{unknown}'.", "group_by", "invalid_value");
        }

        var pageStart = query["page"].ToString() is { Length: > 0 } page ? DecodeCursor(page, start, end, width) : start;
        return new UsagePageRequest(DateTimeOffset.FromUnixTimeSeconds(pageStart), DateTimeOffset.FromUnixTimeSeconds(end), width, limit,
            groupBy.Contains("api_key_id"), groupBy.Contains("model"), List(query, "api_key_ids"), List(query, "models"));
    }

    /// <summary>The buckets of this page: at most <see cref="Limit"/>, the last one cut at <see cref="End"/>.</summary>
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Buckets =>
        [.. Enumerable.Range(0, Limit)
            .Select(i => PageStart + i * Width)
            .TakeWhile(s => s < End)
            .Select(s => (s, s + Width < End ? s + Width : End))];

    /// <summary>The cursor of the first bucket after this page, or null when this page reaches <see cref="End"/>.</summary>
    public string? NextPage => PageStart + Limit * Width is var next && next < End
        ? Base64Url.EncodeToString(Encoding.UTF8.GetBytes(CursorPrefix + next.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)))
        : null;

    public UsageQuery ToQuery(IReadOnlyList<string>? onlyKeys = null) =>
        new(PageStart, Buckets[^1].End, Width, GroupByApiKey, GroupByModel, onlyKeys ?? ApiKeyIds, Models);

    private static long? Seconds(IQueryCollection query, string name)
    {
        if (query[name].ToString() is not { Length: > 0 } text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw OpenAIException.InvalidRequest($"{name} must be an integer.", name, "invalid_type");
    }

    /// <summary>Arrays as clients send them: repeated (<c>a=x&amp;a=y</c>), bracketed (<c>a[]=x</c>) or comma-separated.</summary>
    private static string[] List(IQueryCollection query, string name) =>
        [.. StringValues.Concat(query[name], query[name + "[]"])
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)];

    private static long DecodeCursor(string page, long start, long end, TimeSpan width)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(page));
            if (text.StartsWith(CursorPrefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
                && at >= start && at < end && (at - start) % (long)width.TotalSeconds == 0)
            {
                return at;
            }
        }
        catch (FormatException)
        {
        }

        throw OpenAIException.InvalidRequest("page is not a cursor from this query's next_page.", "page", "invalid_value");
    }
}
