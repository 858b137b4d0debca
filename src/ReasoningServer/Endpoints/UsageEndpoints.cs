using System.Security.Claims;
using ReasoningServer.Accounting.Ledger;
using ReasoningServer.Accounting.Pricing;
using ReasoningServer.Auth;
using ReasoningServer.Billing;
using ReasoningServer.Errors;
using ReasoningServer.Protocol;

namespace ReasoningServer.Endpoints;

/// <summary>
/// Usage and costs from the ledger, in OpenAI's bucketed shapes: <c>GET /v1/organization/usage/completions</c>
/// and <c>GET /v1/organization/costs</c> for admin keys, and the extension <c>GET /v1/usage/me</c> with which
/// any key sees its own usage and cost.
/// </summary>
internal static class UsageEndpoints
{
    public static IEndpointRouteBuilder MapUsage(this IEndpointRouteBuilder v1)
    {
        v1.MapGet("/organization/usage/completions", CompletionsAsync).RequireAuthorization(ApiKeyDefaults.AdminPolicy);
        v1.MapGet("/organization/costs", CostsAsync).RequireAuthorization(ApiKeyDefaults.AdminPolicy);
        v1.MapGet("/usage/me", MineAsync);
        return v1;
    }

    private static async Task<IResult> CompletionsAsync(HttpContext context, UsageLedger ledger, TimeProvider time)
    {
        var request = UsagePageRequest.Parse(context.Request.Query, time);
        var totals = await Store(ledger).SumAsync(request.ToQuery(), context.RequestAborted);
        return TypedResults.Json(Page(request, totals, t => Usage(t, withCost: false)), UsageJsonContext.Default.UsagePageDtoUsageResultDto);
    }

    private static async Task<IResult> CostsAsync(HttpContext context, UsageLedger ledger, TimeProvider time)
    {
        var request = UsagePageRequest.Parse(context.Request.Query, time);
        var totals = await Store(ledger).SumAsync(request.ToQuery(), context.RequestAborted);
        return TypedResults.Json(Page(request, totals, t => new CostResultDto { Amount = Amount(t), ApiKeyId = t.ApiKeyId, Model = t.Model }),
            UsageJsonContext.Default.UsagePageDtoCostResultDto);
    }

    /// <summary>The caller's own usage with its cost; on an open server (no keys) everyone's.</summary>
    private static async Task<IResult> MineAsync(HttpContext context, ClaimsPrincipal caller, UsageLedger ledger, TimeProvider time)
    {
        var request = UsagePageRequest.Parse(context.Request.Query, time);
        var keyId = caller.FindFirstValue(ApiKeyDefaults.KeyIdClaim);
        var totals = await Store(ledger).SumAsync(request.ToQuery(keyId is null ? null : [keyId]), context.RequestAborted);
        return TypedResults.Json(Page(request, totals, t => Usage(t, withCost: true)), UsageJsonContext.Default.UsagePageDtoUsageResultDto);
    }

    private static LedgerStore Store(UsageLedger ledger) => ledger.Store
        ?? throw new OpenAIException(StatusCodes.Status404NotFound, "invalid_request_error",
            "This server keeps no usage ledger (Ledger:Provider is None).", null, "ledger_disabled");

    private static UsagePageDto<TResult> Page<TResult>(UsagePageRequest request, IReadOnlyList<UsageTotals> totals, Func<UsageTotals, TResult> result)
    {
        var byBucket = totals.ToLookup(t => t.Bucket);
        return new UsagePageDto<TResult>
        {
            Data = [.. request.Buckets.Select((bucket, index) => new UsageBucketDto<TResult>
            {
                StartTime = bucket.Start.ToUnixTimeSeconds(),
                EndTime = bucket.End.ToUnixTimeSeconds(),
                Results = [.. byBucket[index].Select(result)],
            })],
            HasMore = request.NextPage is not null,
            NextPage = request.NextPage,
        };
    }

    private static UsageResultDto Usage(UsageTotals t, bool withCost) => new()
    {
        InputTokens = t.PromptTokens,
        OutputTokens = t.ReasoningTokens + t.AnswerTokens,
        InputCachedTokens = t.CachedTokens,
        NumModelRequests = t.Requests,
        ApiKeyId = t.ApiKeyId,
        Model = t.Model,
        OutputReasoningTokens = t.ReasoningTokens,
        Amount = withCost ? Amount(t) : null,
    };

    private static CostAmountDto Amount(UsageTotals t) => new() { Value = PicoUsd.ToDollars(t.CostPicoUsd) };
}
