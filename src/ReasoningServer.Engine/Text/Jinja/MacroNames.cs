namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>The special names a macro body may use.</summary>
[Flags]
internal enum MacroNames
{
    None = 0,
    Caller = 1,
    Kwargs = 2,
    Varargs = 4,
}
