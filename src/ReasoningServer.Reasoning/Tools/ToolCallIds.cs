using System.Security.Cryptography;

namespace ReasoningServer.Reasoning.Tools;

/// <summary>Tool call ids in OpenAI's shape.</summary>
public static class ToolCallIds
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary><c>call_</c> followed by 24 random alphanumerics.</summary>
    public static string NewId() => "call_" + RandomNumberGenerator.GetString(Alphanumerics, 24);
}
