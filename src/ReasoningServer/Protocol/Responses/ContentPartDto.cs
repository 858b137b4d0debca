using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol.Responses;

/// <summary>A part of a message's content, told apart by <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OutputTextPartDto), "output_text")]
[JsonDerivedType(typeof(InputTextPartDto), "input_text")]
[JsonDerivedType(typeof(RefusalPartDto), "refusal")]
internal abstract class ContentPartDto;
