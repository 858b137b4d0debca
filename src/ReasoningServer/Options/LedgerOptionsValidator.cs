using Microsoft.Extensions.Options;

namespace ReasoningServer.Options;

/// <summary>Source-generated check of <see cref="LedgerOptions"/>'s annotations, run on start so bad configuration fails fast.</summary>
[OptionsValidator]
internal sealed partial class LedgerOptionsValidator : IValidateOptions<LedgerOptions>;
