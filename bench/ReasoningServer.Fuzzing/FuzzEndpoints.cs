namespace ReasoningServer.Fuzzing;

/// <summary>
/// Every route the server maps (EndpointRegistration, OperationsEndpoints, WebUIEndpoints), with its valid bodies.
/// A new route belongs here too.
/// </summary>
public static class FuzzEndpoints
{
    public static IReadOnlyList<FuzzEndpoint> All(string model, string storedResponseId) =>
    [
        new("chat", "POST", "/v1/chat/completions", SeedBodies.Chat(model)),
        new("completions", "POST", "/v1/completions", SeedBodies.Completions(model)),
        new("responses", "POST", "/v1/responses", SeedBodies.Responses(model)),
        new("responses-get", "GET", $"/v1/responses/{storedResponseId}", []),
        new("responses-get", "GET", "/v1/responses/resp_missing", []),
        new("responses-items", "GET", $"/v1/responses/{storedResponseId}/input_items?limit=2&order=asc", []),
        new("responses-cancel", "POST", $"/v1/responses/{storedResponseId}/cancel", []),
        new("responses-delete", "DELETE", "/v1/responses/resp_missing", []),
        new("models", "GET", "/v1/models", []),
        new("models", "GET", $"/v1/models/{model}", []),
        new("usage", "GET", "/v1/usage/me", []),
        new("usage", "GET", "/v1/organization/usage/completions?start_time=0&bucket_width=1d&group_by=model", []),
        new("usage", "GET", "/v1/organization/costs?start_time=0&limit=3", []),
        new("keys", "GET", "/v1/organization/api_keys", []),
        new("status", "GET", "/v1/status", []),
        new("ops", "GET", "/metrics", []),
        new("ops", "GET", "/health/live", []),
        new("ops", "GET", "/health/ready", []),
        new("ui", "GET", "/", []),
        new("ui", "GET", "/ui/config", []),
        new("ui", "GET", "/assets/app.css", []),
    ];
}
