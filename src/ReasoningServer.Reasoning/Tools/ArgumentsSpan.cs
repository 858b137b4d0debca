namespace ReasoningServer.Reasoning.Tools;

/// <summary>Where a call's arguments object lies in its JSON stream, and how much of it has been streamed on.</summary>
internal sealed class ArgumentsSpan
{
    private int _start = -1;
    private int _end = -1;
    private int _released;

    public bool Started => _start >= 0;

    public bool Ended => _end >= 0;

    public void Open(int start) => _start = _released = start;

    public void Close(int end) => _end = end;

    /// <summary>Sends on the arguments' text up to <paramref name="upTo"/>, or to their end once they are closed.</summary>
    public void Release(JsonStream json, CallEmitter emitter, int upTo)
    {
        if (!Started)
        {
            return;
        }

        var end = Ended ? _end : upTo;
        if (end > _released)
        {
            emitter.AppendArguments(json.Decode(_released, end));
            _released = end;
        }
    }
}
