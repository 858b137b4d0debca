using Microsoft.Extensions.Options;
using ReasoningServer.Billing;
using ReasoningServer.Native;

namespace ReasoningServer.Hosting;

/// <summary>Failures at start that a user fixes (a setting, a path, the libraries), reported as one line instead of a crash.</summary>
internal static class StartupFailure
{
    public static bool IsUsersToFix(Exception exception) =>
        exception is OptionsValidationException or LlamaException or LedgerUnavailableException;
}
