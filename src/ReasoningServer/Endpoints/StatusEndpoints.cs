using System.Security.Claims;
using ReasoningServer.Accounting.Pricing;
using ReasoningServer.Auth;
using ReasoningServer.Metrics;
using ReasoningServer.Protocol;
using ReasoningServer.Serving;

namespace ReasoningServer.Endpoints;

/// <summary>
/// Extension, <c>GET /v1/status</c> (any key): slots, queue, KV cache and token counters read now, the model's
/// prices, and who the caller is. The same engine readings as <c>/metrics</c>, as JSON and behind a key.
/// </summary>
internal static class StatusEndpoints
{
    public static IEndpointRouteBuilder MapStatus(this IEndpointRouteBuilder v1)
    {
        v1.MapGet("/status", Status);
        return v1;
    }

    private static IResult Status(ClaimsPrincipal caller, ModelHost models, ServerMetrics metrics, PriceTable prices, TimeProvider time)
    {
        var model = models.Current;
        var engine = model?.Engine;
        var statistics = engine?.Statistics;
        var kvCells = engine?.KvCacheCells ?? 0;
        var kvTokens = statistics?.KvCacheTokens ?? 0;
        var status = new ServerStatusDto
        {
            TimeMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            Model = model is null ? null : new StatusModelDto
            {
                Id = model.Id,
                LoadedAt = model.LoadedAt.ToUnixTimeSeconds(),
                ContextLength = model.ContextSize,
                ReasoningFormat = model.ReasoningFormat?.Name,
                Pricing = Pricing(prices.For(model.Id)),
            },
            Slots = new SlotStatusDto { Total = engine?.Slots ?? 0, Busy = statistics?.ActiveSequences ?? 0, Paused = statistics?.PausedSequences ?? 0 },
            QueueDepth = engine?.QueuedRequests ?? 0,
            KvCache = new KvCacheStatusDto { Tokens = kvTokens, Cells = kvCells, Usage = kvCells > 0 ? Math.Min(1.0, (double)kvTokens / kvCells) : 0,
                BusyTokens = statistics?.BusyKvTokens ?? 0, MemoryTokens = statistics?.MemoryPositions ?? 0 },
            Tokens = new TokenCountersDto
            {
                Generated = metrics.TokensStreamed,
                PromptEvaluated = statistics?.PromptTokensEvaluated ?? 0,
                PromptCached = statistics?.PromptTokensCached ?? 0,
                Sequences = statistics?.Sequences ?? 0,
            },
            Caller = new CallerDto
            {
                KeyId = caller.FindFirstValue(ApiKeyDefaults.KeyIdClaim),
                Name = caller.FindFirstValue(ClaimTypes.Name),
                Admin = caller.HasClaim(c => c.Type == ApiKeyDefaults.AdminClaim),
            },
        };
        return TypedResults.Json(status, WebUIJsonContext.Default.ServerStatusDto);
    }

    private static ModelPricingDto Pricing(ModelPrice price) => new()
    {
        Input = price.Input, CachedInput = price.CachedInput, Output = price.Output, ReasoningOutput = price.ReasoningOutput,
    };
}
