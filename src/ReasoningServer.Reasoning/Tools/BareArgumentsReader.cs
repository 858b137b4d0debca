namespace ReasoningServer.Reasoning.Tools;

/// <summary>Reads a committed call's arguments written as a bare JSON object (DeepSeek), streaming them as they arrive.</summary>
internal sealed class BareArgumentsReader
{
    private readonly JsonStream _json = new();
    private readonly ArgumentsSpan _arguments = new();

    /// <summary>Reads on; <paramref name="input"/> must start with the object's opening brace on the first call.</summary>
    public JsonCallStatus Step(ScanBuffer input, CallEmitter emitter)
    {
        _json.Append(input.Rest);
        input.Skip(input.Length);
        while (true)
        {
            switch (_json.TryRead(out var token))
            {
                case JsonReadResult.NeedMore:
                    _arguments.Release(_json, emitter, _json.BufferedEnd);
                    return JsonCallStatus.NeedMore;
                case JsonReadResult.Invalid:
                    var validEnd = _json.ValidPrefixEnd();
                    _arguments.Release(_json, emitter, validEnd);
                    input.Unread(_json.TakeFrom(validEnd)); // the parser skips the rest of the call from here
                    return JsonCallStatus.Broken;
            }

            if (!_arguments.Started)
            {
                _arguments.Open(token.Start);
            }

            if (_json.Closed)
            {
                _arguments.Close(token.End);
                _arguments.Release(_json, emitter, token.End);
                emitter.CompleteArguments();
                input.Unread(_json.TakeLeftover());
                return JsonCallStatus.Closed;
            }
        }
    }
}
