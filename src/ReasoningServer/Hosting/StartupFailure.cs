using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using ReasoningServer.Billing;
using ReasoningServer.Native;

namespace ReasoningServer.Hosting;

/// <summary>Failures at start that a user fixes (a setting, a path, the libraries, a port), reported as one line instead of a crash.</summary>
internal static class StartupFailure
{
    public static bool IsUsersToFix(Exception exception) =>
        exception is OptionsValidationException or LlamaException or LedgerUnavailableException || CannotListen(exception);

    /// <summary>Kestrel could not bind: the port is taken, or not this user's to open, or the address is not this machine's.</summary>
    private static bool CannotListen(Exception exception) =>
        exception is IOException { InnerException: AddressInUseException or SocketException { SocketErrorCode: SocketError.AccessDenied or SocketError.AddressNotAvailable } };
}
