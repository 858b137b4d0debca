using System.Text.Json.Nodes;
using ReasoningServer.Tests.Shared;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>Runs a scenario of tests/oracle/openai-client.mjs: the official <c>openai</c> npm client against a test server.</summary>
public static class NodeOpenAIClient
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static async Task<JsonNode> RunAsync(Uri server, string model, string scenario, JsonObject? extra = null)
    {
        var input = new JsonObject { ["baseURL"] = new Uri(server, "/v1").ToString(), ["model"] = model, ["scenario"] = scenario };
        foreach (var (key, value) in extra ?? [])
        {
            input[key] = value?.DeepClone();
        }

        OracleNodeModules.EnsureInstalled();
        // The server runs in this process: the node client must not block a thread-pool thread while it talks to it.
        var output = await Task.Run(() => ExternalTool.Run("node", ["openai-client.mjs"], RepositoryFolders.Oracle, Patience, input.ToJsonString()));
        return JsonNode.Parse(output) ?? throw new InvalidDataException("The node client printed nothing.");
    }
}
