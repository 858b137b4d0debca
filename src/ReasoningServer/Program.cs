using ReasoningServer.Endpoints;
using ReasoningServer.Errors;
using ReasoningServer.Hosting;
using ReasoningServer.WebUI;
using Serilog;

if (await CommandVerbs.TryRunAsync(args) is { } verbExitCode)
{
    return verbExitCode;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, CommandLineSwitches.Mappings);
builder.Logging.ClearProviders().AddSerilog(new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration).CreateLogger(), dispose: true);
builder.Services.AddReasoningServer(builder.Configuration);
builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel.ListenOnConfiguredEndpoint(context.Configuration).LimitRequestBodies(context.Configuration));

try
{
    // Built inside the try: options read while the host is built (the shutdown timeout from Server:*) fail here.
    var app = builder.Build();
    app.UseMiddleware<RequestLoggingMiddleware>();
    app.UseExceptionHandler();
    app.UseStatusCodePages(context => ErrorWriter.WriteStatusCodeAsync(context.HttpContext));
    app.UseAuthentication();
    app.UseAuthorization();
    app.MapOpenAIEndpoints();
    app.MapOperationsEndpoints();
    app.MapWebUI();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupFailure.IsUsersToFix(e))
{
    Console.Error.WriteLine($"ReasoningServer could not start: {e.Message}");
    return 1;
}

/// <summary>Entry point; public so the test host can start the real application.</summary>
public partial class Program;
