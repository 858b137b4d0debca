using Microsoft.Extensions.Options;
using ReasoningServer.Accounting.Keys;
using ReasoningServer.Options;

namespace ReasoningServer.Auth;

/// <summary>Reads the keys given in configuration, on the command line and in the key file, hashing every secret at once.</summary>
internal static class ConfiguredKeys
{
    public static IReadOnlyList<ApiKey> Load(AuthOptions options)
    {
        var keys = new List<ApiKey>();
        foreach (var secret in (options.ApiKey ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            keys.Add(FromSecret(secret, "command line", isAdmin: true));
        }

        if (!string.IsNullOrWhiteSpace(options.ApiKeyFile))
        {
            if (!File.Exists(options.ApiKeyFile))
            {
                throw Invalid($"API key file '{options.ApiKeyFile}' does not exist.");
            }

            foreach (var line in File.ReadLines(options.ApiKeyFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                keys.Add(FromSecret(parts[0], parts.Length > 1 ? parts[1] : "key file", isAdmin: false));
            }
        }

        foreach (var configured in options.Keys)
        {
            var hash = (configured.Key, configured.Sha256) switch
            {
                ({ Length: > 0 } secret, null or "") => ApiKeySecrets.Hash(secret),
                (null or "", { Length: > 0 } hex) => Convert.FromHexString(hex),
                _ => throw Invalid($"Auth:Keys entry '{configured.Name}' needs exactly one of Key and Sha256."),
            };
            keys.Add(new ApiKey(configured.Id is { Length: > 0 } id ? id : ApiKeySecrets.IdFromHash(hash), configured.Name, hash,
                configured.Admin, configured.Models, configured.RequestsPerMinute, configured.TokensPerMinute));
        }

        return keys;
    }

    private static ApiKey FromSecret(string secret, string name, bool isAdmin)
    {
        var hash = ApiKeySecrets.Hash(secret);
        return new ApiKey(ApiKeySecrets.IdFromHash(hash), name, hash, isAdmin, [], null, null);
    }

    private static OptionsValidationException Invalid(string message) =>
        new(AuthOptions.Section, typeof(AuthOptions), [message]);
}
