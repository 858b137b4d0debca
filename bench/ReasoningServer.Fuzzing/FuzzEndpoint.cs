using System.Text.Json.Nodes;

namespace ReasoningServer.Fuzzing;

/// <summary>A route of the server with the valid bodies mutations start from (none for GET and DELETE routes).</summary>
/// <param name="Family">Short name for case kinds: chat, completions, responses, models, usage, ui, ops…</param>
public sealed record FuzzEndpoint(string Family, string Method, string Path, IReadOnlyList<JsonObject> Seeds)
{
    public bool HasBody => Seeds.Count > 0;
}
