using ReasoningServer.Errors;

namespace ReasoningServer.Serving;

/// <summary>Holds the served model once it has loaded; endpoints ask it for the model by id.</summary>
internal sealed class ModelHost
{
    private volatile ServedModel? _model;

    public ServedModel? Current => _model;

    public void Publish(ServedModel model) => _model = model;

    /// <summary>The model a request names; 404 for any other id, 503 while loading.</summary>
    public ServedModel Resolve(string? requested)
    {
        var model = _model ?? throw new OpenAIException(StatusCodes.Status503ServiceUnavailable, "server_error",
            "The model is still loading.") { RetryAfterSeconds = 5 };
        if (string.IsNullOrEmpty(requested))
        {
            throw OpenAIException.InvalidRequest("You must provide a model parameter.", "model");
        }

        return string.Equals(requested, model.Id, StringComparison.Ordinal) ? model : throw OpenAIException.ModelNotFound(requested);
    }
}
