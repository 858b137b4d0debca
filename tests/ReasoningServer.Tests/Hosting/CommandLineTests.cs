using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Tests.Infrastructure;
using ReasoningServer.Tests.Shared;

namespace ReasoningServer.Tests.Hosting;

/// <summary>The README's commands as a user types them: the real executable in its own process.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reasoningserver-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Flags_choose_model_host_port_and_context_size()
    {
        var model = Path.Combine(_folder, "tiny.gguf");
        TinyModelGenerator.Generate(model, TinyModelPreset.Test);
        var port = FreePort();

        using var server = ChildProcess.StartServer("--model", model, "--alias", "cli-model", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--ctx-size", "2048");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var models = await WaitForAsync(http, server.Process);

        var served = Assert.Single(models["data"]!.AsArray())!;
        Assert.Equal("cli-model", (string?)served["id"]);
        Assert.Equal(2048, (int)served["context_length"]!);
    }

    [Fact]
    public async Task Invalid_settings_stop_the_server_at_start_naming_them()
    {
        using var server = ChildProcess.StartServer("--ctx-size", "10", "--port", FreePort().ToString(CultureInfo.InvariantCulture));
        await server.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, server.Process.ExitCode);
        Assert.Contains("could not start: ContextSize", server.Output);
    }

    [Fact]
    public async Task A_missing_model_file_is_reported_by_name()
    {
        var missing = Path.Combine(_folder, "no-such-model.gguf");
        using var server = ChildProcess.StartServer("--model", missing, "--port", FreePort().ToString(CultureInfo.InvariantCulture));
        await server.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, server.Process.ExitCode);
        Assert.Contains($"could not start: Model file '{missing}' does not exist.", server.Output);
    }

    [Fact]
    public async Task A_port_already_in_use_is_reported_in_one_line_not_a_crash()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var model = Path.Combine(_folder, "tiny.gguf");
        TinyModelGenerator.Generate(model, TinyModelPreset.Test);

        using var server = ChildProcess.StartServer("--model", model, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture));
        await server.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, server.Process.ExitCode); // was 134: an unhandled exception aborted the process
        Assert.Contains($"could not start: Failed to bind to address http://127.0.0.1:{port}: address already in use.", server.Output);
        Assert.DoesNotContain("Unhandled exception", server.Output);
    }

    [Fact]
    public async Task Make_tiny_model_verb_writes_the_generators_file()
    {
        var written = Path.Combine(_folder, "verb.gguf");
        var expected = Path.Combine(_folder, "library.gguf");
        using var verb = ChildProcess.StartServer("make-tiny-model", written, "--preset", "test", "--seed", "7");
        await verb.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        TinyModelGenerator.Generate(expected, TinyModelPreset.Test, seed: 7);

        Assert.Equal(0, verb.Process.ExitCode);
        Assert.Equal(await File.ReadAllBytesAsync(expected), await File.ReadAllBytesAsync(written));
    }

    [Fact]
    public async Task Make_tiny_model_verb_with_a_tokenizer_folder_writes_the_generators_file()
    {
        var tokenizer = OracleTokenizer.DeepSeekV3.FilesFolder;
        var template = Path.Combine(_folder, "template.jinja");
        await File.WriteAllTextAsync(template, "{% for m in messages %}<｜User｜>{{ m.content }}{% endfor %}");
        var written = Path.Combine(_folder, "verb.gguf");
        var expected = Path.Combine(_folder, "library.gguf");
        using var verb = ChildProcess.StartServer("make-tiny-model", "--tokenizer", tokenizer, "--token-preset", "deepseek-r1", "--chat-template-file", template,
            "--vocab-size", "129280", "--context-length", "4096", "--name", "tiny-r1", "--out", written);
        await verb.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        RealTokenizerModelGenerator.Generate(tokenizer, expected, new RealTokenizerModelOptions
        {
            Name = "tiny-r1",
            ContextLength = 4096,
            Tokenizer = new TokenizerConversionOptions
            {
                ChatTemplate = await File.ReadAllTextAsync(template),
                TokenReplacements = TokenReplacementPresets.DeepSeekR1ThinkTokens,
                VocabularySize = 129280,
            },
        });

        Assert.Equal(0, verb.Process.ExitCode);
        Assert.Contains("129280 tokens, pre-tokenizer deepseek-v3", verb.Output);
        Assert.Equal(await File.ReadAllBytesAsync(expected), await File.ReadAllBytesAsync(written));
    }

    [Fact]
    public async Task Make_tiny_model_verb_names_the_pre_option_for_an_unknown_pre_tokenizer()
    {
        var tokenizer = Directory.CreateDirectory(Path.Combine(_folder, "unknown-tokenizer")).FullName;
        await File.WriteAllTextAsync(Path.Combine(tokenizer, "tokenizer.json"), """
            {"model": {"type": "BPE", "vocab": {"a": 0}, "merges": []},
             "pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "Split", "pattern": {"Regex": "\\w+"}}, {"type": "ByteLevel"}]}}
            """);
        using var verb = ChildProcess.StartServer("make-tiny-model", "--tokenizer", tokenizer, Path.Combine(_folder, "x.gguf"));
        await verb.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, verb.Process.ExitCode);
        Assert.Contains("--pre on the command line", verb.Output);
        Assert.False(File.Exists(Path.Combine(_folder, "x.gguf")));
    }

    private static async Task<JsonNode> WaitForAsync(HttpClient http, Process server)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && !server.HasExited)
        {
            // The server listens while the model loads; once ready, /v1/models lists it.
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return JsonNode.Parse(await http.GetStringAsync("/v1/models"))!;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The server did not answer (exited: {server.HasExited}).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
