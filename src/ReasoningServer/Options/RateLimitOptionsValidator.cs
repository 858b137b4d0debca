using Microsoft.Extensions.Options;

namespace ReasoningServer.Options;

/// <summary>Source-generated check of <see cref="RateLimitOptions"/>'s annotations, run on start so bad configuration fails fast.</summary>
[OptionsValidator]
internal sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>;
