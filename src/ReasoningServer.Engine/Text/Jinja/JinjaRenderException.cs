namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// Rendering failed: a type error, an undefined value used where Jinja refuses one, or a runaway limit of
/// <see cref="JinjaRenderOptions"/> reached.
/// </summary>
public sealed class JinjaRenderException : JinjaException
{
    public JinjaRenderException(string message)
        : base(message)
    {
    }

    public JinjaRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
