using System.Runtime.InteropServices;
using System.Text;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Text;

/// <summary>
/// llama.cpp's built-in template families (<c>llama_chat_apply_template</c>: chatml, llama3, deepseek, …), detected
/// from a template's text; not a Jinja engine. The fallback for a model without a template, or with one our
/// Jinja interpreter cannot parse.
/// </summary>
internal static class BuiltInChatTemplate
{
    public const string ChatMl = "chatml";

    /// <summary>Whether llama.cpp recognises a family in <paramref name="source"/>.</summary>
    public static bool IsRecognised(string source) =>
        Apply(source, [new ChatMessage("user", "x")], addGenerationPrompt: true) is not null;

    /// <returns>The text, or null when llama.cpp does not know the template.</returns>
    public static unsafe string? Apply(string template, IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var strings = new List<nint>(messages.Count * 2 + 1);
        try
        {
            var native = new LlamaChatMessage[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                native[i].role = Utf8(strings, messages[i].Role);
                native[i].content = Utf8(strings, messages[i].Content);
            }

            var capacity = 256 + messages.Sum(m => Encoding.UTF8.GetByteCount(m.Content) + 64);
            while (true)
            {
                var buffer = new byte[capacity];
                int length;
                fixed (LlamaChatMessage* chat = native)
                fixed (byte* output = buffer)
                {
                    length = NativeMethods.llama_chat_apply_template(template, chat, (nuint)native.Length,
                        addGenerationPrompt ? (byte)1 : (byte)0, output, buffer.Length);
                }

                if (length < 0)
                {
                    return null;
                }

                if (length <= buffer.Length)
                {
                    return Encoding.UTF8.GetString(buffer, 0, length);
                }

                capacity = length;
            }
        }
        finally
        {
            foreach (var ptr in strings)
            {
                Marshal.FreeCoTaskMem(ptr);
            }
        }
    }

    private static unsafe byte* Utf8(List<nint> owned, string text)
    {
        var ptr = Marshal.StringToCoTaskMemUTF8(text);
        owned.Add(ptr);
        return (byte*)ptr;
    }
}
