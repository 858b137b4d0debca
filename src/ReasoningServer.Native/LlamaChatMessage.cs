using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>Mirror of C <c>struct llama_chat_message</c>: two NUL-terminated UTF-8 strings owned by the caller.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LlamaChatMessage
{
    public byte* role;
    public byte* content;

    public LlamaChatMessage(byte* role, byte* content)
    {
        this.role = role;
        this.content = content;
    }
}
