namespace ReasoningServer.Hosting;

/// <summary>llama-server-style flags mapped onto configuration keys, so every setting has one home.</summary>
internal static class CommandLineSwitches
{
    public static Dictionary<string, string> Mappings { get; } = new()
    {
        ["--model"] = "Model:Path",
        ["-m"] = "Model:Path",
        ["--alias"] = "Model:Id",
        ["--ctx-size"] = "Model:ContextSize",
        ["-c"] = "Model:ContextSize",
        ["--parallel"] = "Model:Parallel",
        ["-np"] = "Model:Parallel",
        ["--kv-unified"] = "Model:KvUnified",
        ["--batch-size"] = "Model:BatchSize",
        ["-b"] = "Model:BatchSize",
        ["--ubatch-size"] = "Model:MicroBatchSize",
        ["-ub"] = "Model:MicroBatchSize",
        ["--threads"] = "Model:Threads",
        ["-t"] = "Model:Threads",
        ["--threads-batch"] = "Model:BatchThreads",
        ["-tb"] = "Model:BatchThreads",
        ["--n-gpu-layers"] = "Model:GpuLayers",
        ["-ngl"] = "Model:GpuLayers",
        ["--prefill-chunk"] = "Model:PrefillChunk",
        ["--cache-ram"] = "Model:CacheRamMiB",
        ["--tiny-preset"] = "Model:TinyPreset",
        ["--chat-template"] = "Model:ChatTemplate",
        ["--chat-template-file"] = "Model:ChatTemplateFile",
        ["--host"] = "Server:Host",
        ["--port"] = "Server:Port",
        ["--max-request-body-bytes"] = "Server:MaxRequestBodyBytes",
        ["--reasoning-format"] = "Generation:ReasoningFormat",
        ["--request-timeout"] = "Generation:RequestTimeoutSeconds",
        ["--lib-dir"] = "Native:LibraryDirectory",
        ["--api-key"] = "Auth:ApiKey",
        ["--api-key-file"] = "Auth:ApiKeyFile",
        ["--data-dir"] = "Ledger:DataDirectory",
        // Not "--ledger": switches match case-insensitively, and the test host passes "--Ledger=" for the section itself.
        ["--ledger-provider"] = "Ledger:Provider",
        ["--ledger-connection"] = "Ledger:ConnectionString",
    };
}
