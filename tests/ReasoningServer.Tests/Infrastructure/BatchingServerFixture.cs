using Microsoft.Extensions.DependencyInjection;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Serving;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// The server with eight slots and a short queue, and a context large enough that eight endless streams keep
/// their slots busy for the length of a test.
/// </summary>
public sealed class BatchingServerFixture : ServerFixture
{
    public const int Parallel = 8;
    public const int QueueCapacity = 4;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Model:Parallel"] = Parallel.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Model:QueueCapacity"] = QueueCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Model:ContextSize"] = "65536",
    };

    /// <summary>The engine's counters, read from the server itself.</summary>
    public EngineStatistics Statistics => Services.GetRequiredService<ModelHost>().Current!.Engine.Statistics;
}
