using System.ClientModel;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// The real application on a real Kestrel socket on 127.0.0.1, serving a freshly generated tiny model
/// through the real llama.cpp library. Shared by the end-to-end tests of one collection.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    public const string ModelId = "tiny-test";
    private readonly string _folder = Directory.CreateTempSubdirectory("reasoningserver-e2e-").FullName;
    private WebApplicationFactory<Program>? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The application's services, for what a test must read from the server itself.</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>Settings beyond the defaults; a derived fixture may change them.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Services a derived fixture replaces (e.g. the clock).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public ChatClient Chat(string model = ModelId) =>
        new(model, new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(BaseAddress, "/v1") });

    public virtual async Task InitializeAsync()
    {
        var modelPath = Path.Combine(_folder, "tiny-test.gguf");
        TinyModelGenerator.Generate(modelPath, TinyModelPreset.Test);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Server:Host", "127.0.0.1");
            web.UseSetting("Server:Port", "0");
            web.UseSetting("Model:Path", modelPath);
            web.UseSetting("Model:Id", ModelId);
            // A smaller window than the default 128k keeps each test server's KV cache small.
            web.UseSetting("Model:ContextSize", "4096");
            web.UseSetting("Model:Threads", "2");
            // The usage ledger of a test server lives and dies with it.
            web.UseSetting("Ledger:DataDirectory", _folder);
            // One slot: the choices of n > 1 run one after another, so each reproduces its single request bit for
            // bit. Sequences batched together differ by rounding (see ConcurrencyTests and the README).
            web.UseSetting("Model:Parallel", "1");
            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureServices(ConfigureServices);
        });
        _factory.UseKestrel();
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.Single());
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        await Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
