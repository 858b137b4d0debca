using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ReasoningServer.Billing;
using ReasoningServer.Errors;
using ReasoningServer.Options;

namespace ReasoningServer.Serving.Responses;

/// <summary>
/// Seals a response's reasoning into <c>encrypted_content</c> and opens it again: AES-256-GCM with a server key, bound
/// to the model and the API key, so a client can carry its reasoning between stateless requests (<c>store: false</c>)
/// but can neither read it nor forge one.
/// </summary>
internal sealed class ReasoningSeal(IOptions<ResponsesOptions> options, UsageLedger ledger)
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const string SecretName = "responses_encryption_key";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async Task<string> SealAsync(string reasoning, string model, string apiKeyId, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        var plain = Encoding.UTF8.GetBytes(reasoning);
        var sealedBytes = new byte[1 + NonceSize + plain.Length + TagSize];
        sealedBytes[0] = Version;
        var nonce = sealedBytes.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(1 + NonceSize, plain.Length), sealedBytes.AsSpan(1 + NonceSize + plain.Length), Context(model, apiKeyId));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="OpenAIException">400 when the content was not sealed here, for this model and key, or was altered.</exception>
    public async Task<string> OpenAsync(string encrypted, string model, string apiKeyId, string param, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(encrypted);
        }
        catch (FormatException)
        {
            throw Invalid(param);
        }

        if (bytes.Length < 1 + NonceSize + TagSize || bytes[0] != Version)
        {
            throw Invalid(param);
        }

        var length = bytes.Length - 1 - NonceSize - TagSize;
        var plain = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(bytes.AsSpan(1, NonceSize), bytes.AsSpan(1 + NonceSize, length), bytes.AsSpan(1 + NonceSize + length), plain, Context(model, apiKeyId));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Invalid(param);
        }

        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Context(string model, string apiKeyId) => Encoding.UTF8.GetBytes($"reasoningserver/reasoning/v1\n{model}\n{apiKeyId}");

    private static OpenAIException Invalid(string param) => OpenAIException.InvalidRequest(
        $"Invalid '{param}': the encrypted reasoning was not produced by this server for this model and key, or it was altered.", param, "invalid_encrypted_content");

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_key is null)
            {
                static string Fresh() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                var text = options.Value.EncryptionKey is { Length: > 0 } configured ? configured
                    : ledger.Store is { } store ? await store.GetOrCreateSecretAsync(SecretName, Fresh, cancellationToken)
                    : Fresh();
                _key = Convert.FromBase64String(text);
            }

            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }
}
