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
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ModelOptions>, ModelOptionsValidator>();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<GenerationOptions>, GenerationOptionsValidator>();

        services.AddSingleton<ModelHost>();
        services.AddHostedService<EngineHostedService>();
        services.AddExceptionHandler<OpenAIExceptionHandler>();
        services.AddProblemDetails();
        return services;
    }
}
