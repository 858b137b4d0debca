namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>The template called <c>raise_exception(message)</c>; <see cref="Exception.Message"/> is the template's text.</summary>
public sealed class JinjaRaisedException : JinjaException
{
    public JinjaRaisedException(string message)
        : base(message)
    {
    }
}
