using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Auth;

/// <summary>
/// Per-key limits: the 429 comes at the configured count, with OpenAI's headers, and lifts after the reset.
/// The server's clock is the test's, so a slow machine cannot roll the window in the middle of a test.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.Fixture server) : IClassFixture<RateLimitTests.Fixture>
{
    private const string RequestLimitedKey = "sk-test-rpm-0123456789";
    private const string TokenLimitedKey = "sk-test-tpm-0123456789";
    private const int RequestLimit = 3;
    private const int TokenLimit = 60;

    [Fact]
    public async Task Requests_beyond_the_limit_get_429_until_the_window_resets()
    {
        using var http = server.HttpAs(RequestLimitedKey);
        var admitted = 0;
        (int Status, JsonNode? Body, HttpResponseMessage? Response) refused = default;
        for (var attempt = 0; attempt < 2 * RequestLimit + 2; attempt++)
        {
            var result = await HttpJson.PostAsync(http, "/v1/chat/completions", Request());
            if (result.Status == 429)
            {
                refused = result;
                break;
            }

            Assert.Equal(200, result.Status);
            admitted++;
            Assert.Equal(RequestLimit.ToString(CultureInfo.InvariantCulture), Header(result.Response, "x-ratelimit-limit-requests"));
            Assert.InRange(int.Parse(Header(result.Response, "x-ratelimit-remaining-requests"), CultureInfo.InvariantCulture), 0, RequestLimit - 1);
            Assert.Equal("1m0s", Header(result.Response, "x-ratelimit-reset-requests")); // the window is a minute, and the clock has not moved
        }

        Assert.Equal(RequestLimit, admitted);
        Assert.Equal(429, refused.Status);
        ErrorShape.AssertIsError(refused.Body, "requests", null, "rate_limit_exceeded");
        Assert.Equal("0", Header(refused.Response!, "x-ratelimit-remaining-requests"));
        Assert.Equal("1m0s", Header(refused.Response!, "x-ratelimit-reset-requests"));
        var retryAfter = int.Parse(Header(refused.Response!, "Retry-After"), CultureInfo.InvariantCulture);
        Assert.Equal(60, retryAfter);

        server.Clock.Advance(TimeSpan.FromSeconds(retryAfter - 1));
        Assert.Equal(429, (await HttpJson.PostAsync(http, "/v1/chat/completions", Request())).Status);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var (status, _, _) = await HttpJson.PostAsync(http, "/v1/chat/completions", Request());
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Tokens_beyond_the_limit_get_429_tokens_counting_reasoning_as_output()
    {
        using var http = server.HttpAs(TokenLimitedKey);
        long used = 0;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (status, body, response) = await HttpJson.PostAsync(http, "/v1/chat/completions", Request());
            if (status == 429)
            {
                // Refused exactly once what the key was told it used reached the limit.
                Assert.True(used >= TokenLimit, $"refused after {used} tokens");
                ErrorShape.AssertIsError(body, "tokens", null, "rate_limit_exceeded");
                Assert.Equal("0", Header(response, "x-ratelimit-remaining-tokens"));
                Assert.NotNull(response.Headers.RetryAfter);
                return;
            }

            Assert.Equal(200, status);
            Assert.True(used < TokenLimit, $"admitted after {used} tokens");
            Assert.Equal(Math.Max(0, TokenLimit - used), long.Parse(Header(response, "x-ratelimit-remaining-tokens"), CultureInfo.InvariantCulture));
            used += (long)body!["usage"]!["total_tokens"]!; // prompt + completion, reasoning included
        }

        Assert.Fail("never refused");
    }

    [Fact]
    public async Task A_key_without_limits_gets_no_rate_limit_headers()
    {
        using var http = server.HttpAs(AccountingServerFixture.AliceKey);
        var (status, _, response) = await HttpJson.PostAsync(http, "/v1/chat/completions", Request());
        Assert.Equal(200, status);
        Assert.False(response.Headers.Contains("x-ratelimit-limit-requests"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"no {name} header");

    private static JsonObject Request() => new()
    {
        ["model"] = ServerFixture.ModelId,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hi" }),
        ["max_tokens"] = 8,
    };

    /// <summary>Two limited keys and a clock the test moves.</summary>
    public sealed class Fixture : SqliteAccountingFixture
    {
        public ManualClock Clock { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

        protected override IReadOnlyDictionary<string, string?> MoreSettings
        {
            get
            {
                var settings = new Dictionary<string, string?>();
                AddKey(settings, 3, "key_rpm", RequestLimitedKey, admin: false);
                settings["Auth:Keys:3:RequestsPerMinute"] = RequestLimit.ToString(CultureInfo.InvariantCulture);
                AddKey(settings, 4, "key_tpm", TokenLimitedKey, admin: false);
                settings["Auth:Keys:4:TokensPerMinute"] = TokenLimit.ToString(CultureInfo.InvariantCulture);
                return settings;
            }
        }
    }
}
