using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ReasoningServer.Metrics;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Metrics;

/// <summary>The exporter's text, for what the server's own metrics never produce, read back by Prometheus' parser.</summary>
public sealed class PrometheusExporterTests
{
    [Fact]
    public void Label_values_with_quotes_backslashes_and_line_feeds_read_back_unchanged()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var exporter = new PrometheusExporter(factory);
        var counter = factory.Create(ServerMetrics.MeterName).CreateCounter<long>("reasoning_server.test.events", "{event}", "Help with a \\ backslash\nand a line feed.");
        const string Awkward = "say \"hi\"\\n or \\ and\nnext line";

        counter.Add(2, new KeyValuePair<string, object?>("label", Awkward));
        counter.Add(3, new KeyValuePair<string, object?>("label", Awkward));

        var sample = Assert.Single(PrometheusText.Parse(exporter.Scrape()));
        Assert.Equal("reasoning_server_test_events_total", sample.Name);
        Assert.Equal("counter", sample.Type);
        Assert.Equal("Help with a \\ backslash\nand a line feed.", sample.Help);
        Assert.Equal(Awkward, sample.Labels["label"]);
        Assert.Equal(5, sample.Value);
    }

    [Fact]
    public void Another_service_providers_meters_are_not_exported()
    {
        using var mine = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var theirs = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var exporter = new PrometheusExporter(mine.GetRequiredService<IMeterFactory>());
        theirs.GetRequiredService<IMeterFactory>().Create(ServerMetrics.MeterName).CreateCounter<long>("reasoning_server.other").Add(1);
        mine.GetRequiredService<IMeterFactory>().Create(ServerMetrics.MeterName).CreateCounter<long>("reasoning_server.mine").Add(1);

        Assert.Equal(["reasoning_server_mine_total"], PrometheusText.Parse(exporter.Scrape()).Select(s => s.Name));
    }
}
