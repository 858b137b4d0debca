using ReasoningServer.Protocol;
using ReasoningServer.Serving;

namespace ReasoningServer.Endpoints;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>.</summary>
internal static class ModelsEndpoints
{
    public static IEndpointRouteBuilder MapModels(this IEndpointRouteBuilder v1)
    {
        v1.MapGet("/models", List);
        v1.MapGet("/models/{**id}", Get);
        return v1;
    }

    private static IResult List(ModelHost models) =>
        TypedResults.Json(new ModelListDto { Data = models.Current is { } model ? [ToDto(model)] : [] },
            ProtocolJson.Context.ModelListDto);

    private static IResult Get(string id, ModelHost models) =>
        TypedResults.Json(ToDto(models.Resolve(id)), ProtocolJson.Context.ModelDto);

    private static ModelDto ToDto(ServedModel model) => new()
    {
        Id = model.Id,
        Created = model.LoadedAt.ToUnixTimeSeconds(),
        ContextLength = model.ContextSize,
        ReasoningFormat = model.ReasoningFormat?.Name,
    };
}
