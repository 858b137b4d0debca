using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReasoningServer.Hosting;
using ReasoningServer.Metrics;

namespace ReasoningServer.Endpoints;

/// <summary>
/// <c>/metrics</c> (Prometheus text format), <c>/health/live</c> (the process answers) and <c>/health/ready</c>
/// (model loaded, ledger reachable, not shutting down; 503 otherwise). Outside <c>/v1</c> and without API
/// keys, as probes and scrapers expect: keep them on a network only operators reach.
/// </summary>
internal static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (PrometheusExporter exporter) => TypedResults.Text(exporter.Scrape(), PrometheusExporter.ContentType));
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(OperationsRegistration.ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    /// <summary>The status and each check's verdict, so an operator sees why a replica is not ready.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString());
                json.WriteString("description", entry.Description);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.ToArray()).AsTask();
    }
}
