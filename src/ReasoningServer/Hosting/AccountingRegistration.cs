using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReasoningServer.Accounting.Keys;
using ReasoningServer.Accounting.Pricing;
using ReasoningServer.Auth;
using ReasoningServer.Billing;
using ReasoningServer.Options;
using ReasoningServer.Serving.Responses;

namespace ReasoningServer.Hosting;

/// <summary>API keys, the usage ledger, prices and rate limits.</summary>
internal static class AccountingRegistration
{
    public static IServiceCollection AddAccounting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddOptions<LedgerOptions>().Bind(configuration.GetSection(LedgerOptions.Section)).ValidateOnStart();
        services.AddOptions<PricingOptions>().Bind(configuration.GetSection(PricingOptions.Section)).ValidateOnStart();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<IValidateOptions<LedgerOptions>, LedgerOptionsValidator>();
        services.AddSingleton<IValidateOptions<PricingOptions>, PricingOptionsValidator>();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ApiKeyRing(ConfiguredKeys.Load(sp.GetRequiredService<IOptions<AuthOptions>>().Value)));
        services.AddSingleton(sp => Prices(sp.GetRequiredService<IOptions<PricingOptions>>().Value));
        services.AddSingleton<UsageLedger>();
        services.AddSingleton<KeyRateLimiter>();
        services.AddOptions<ResponsesOptions>().Bind(configuration.GetSection(ResponsesOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ResponsesOptions>, ResponsesOptionsValidator>();
        services.AddSingleton<ReasoningSeal>();
        // Stored responses live in the ledger's database; a server without a ledger keeps them in memory.
        services.AddSingleton<IResponseStore>(sp => sp.GetRequiredService<UsageLedger>().Store is { } store
            ? new LedgerResponseStore(store, sp.GetRequiredService<TimeProvider>())
            : new MemoryResponseStore(sp.GetRequiredService<IOptions<ResponsesOptions>>().Value.MemoryStoreCapacity));
        services.AddHostedService<AccountingHostedService>();

        services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyDefaults.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(ApiKeyDefaults.AdminClaim));
        return services;
    }

    private static PriceTable Prices(PricingOptions options)
    {
        static ModelPrice Price(PriceOptions p) => new(p.Input, p.CachedInput ?? p.Input, p.Output, p.ReasoningOutput ?? p.Output);
        return new PriceTable(Price(options.Default), options.Models.ToDictionary(m => m.Key, m => Price(m.Value), StringComparer.Ordinal));
    }
}
