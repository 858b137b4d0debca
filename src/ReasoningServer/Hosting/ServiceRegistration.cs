using Microsoft.Extensions.Options;
using ReasoningServer.Errors;
using ReasoningServer.Options;
using ReasoningServer.Serving;

namespace ReasoningServer.Hosting;

/// <summary>Everything the server registers, so Program.cs stays a table of contents.</summary>
internal static class ServiceRegistration
{
    public static IServiceCollection AddReasoningServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection(ModelOptions.Section)).ValidateOnStart();
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerOptions.Section)).ValidateOnStart();
        services.AddOptions<GenerationOptions>().Bind(configuration.GetSection(GenerationOptions.Section)).ValidateOnStart();
        services.AddOptions<NativeOptions>().Bind(configuration.GetSection(NativeOptions.Section));
        services.AddSingleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>();
        services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        services.AddSingleton<IValidateOptions<GenerationOptions>, GenerationOptionsValidator>();

        services.AddOperations();
        services.AddAccounting(configuration);
        services.AddSingleton<ModelHost>();
        services.AddHostedService<EngineHostedService>();
        services.AddExceptionHandler<OpenAIExceptionHandler>();
        // UseExceptionHandler() insists on a fallback writer; ours handles everything before it is reached.
        services.AddProblemDetails();
        return services;
    }
}
