using ReasoningServer.Native;

namespace ReasoningServer.Hosting;

/// <summary>Routes llama.cpp's own log lines into ours, at debug level (warnings and errors keep theirs).</summary>
internal static partial class LlamaLogBridge
{
    public static Action<LlamaLogLevel, string> Create(ILoggerFactory factory)
    {
        var logger = factory.CreateLogger("llama.cpp");
        return (level, text) =>
        {
            var mapped = level switch
            {
                LlamaLogLevel.Error => LogLevel.Error,
                LlamaLogLevel.Warn => LogLevel.Warning,
                _ => LogLevel.Debug,
            };
            if (logger.IsEnabled(mapped))
            {
                LogNative(logger, mapped, text.TrimEnd());
            }
        };
    }

    [LoggerMessage(Message = "{Text}")]
    private static partial void LogNative(ILogger logger, LogLevel level, string text);
}
