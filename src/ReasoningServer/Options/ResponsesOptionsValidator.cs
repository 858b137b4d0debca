using Microsoft.Extensions.Options;

namespace ReasoningServer.Options;

/// <summary>Source-generated check of <see cref="ResponsesOptions"/>'s annotations, run on start.</summary>
[OptionsValidator]
internal sealed partial class ResponsesOptionsValidator : IValidateOptions<ResponsesOptions>;
