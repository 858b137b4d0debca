using System.Net;
using ReasoningServer.Fuzzing;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// The server executable with an API key (so keyed and keyless paths both run) and one stored response, for the
/// fuzz tests: a process of its own, so a crash shows as its exit and not as the test host's.
/// </summary>
public sealed class FuzzServerFixture : IAsyncLifetime
{
    public const string ApiKey = "sk-fuzz-0123456789abcdef";
    private readonly TinyModelFolder _model = new("reasoningserver-fuzz-");
    private ServerExecutable? _server;

    public ServerExecutable Server => _server!;

    public IPEndPoint Endpoint { get; private set; } = null!;

    public string StoredResponseId { get; private set; } = null!;

    public bool Alive => !Server.Process.Process.HasExited;

    public async Task InitializeAsync()
    {
        _server = await ServerExecutable.StartAsync(_model.ModelPath, ApiKey, "--parallel", "2", "--data-dir", _model.Folder);
        Endpoint = new IPEndPoint(IPAddress.Loopback, _server.Http.BaseAddress!.Port);
        StoredResponseId = await FuzzRunner.CreateStoredResponseAsync(Endpoint, ServerFixture.ModelId, ApiKey);
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
        _model.Dispose();
        return Task.CompletedTask;
    }
}
