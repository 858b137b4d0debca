namespace ReasoningServer.Protocol;

internal sealed class ModelListDto
{
    public string Object => "list";

    public required List<ModelDto> Data { get; init; }
}
