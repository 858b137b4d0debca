namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>Base of every error the Jinja template interpreter reports.</summary>
public class JinjaException : Exception
{
    public JinjaException(string message)
        : base(message)
    {
    }

    public JinjaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
