using System.Text.Json;

namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// Reads a call written as one JSON object, <c>{"name": "f", "arguments": {…}}</c> (Hermes) or with
/// <c>"parameters"</c> (Llama), keys in any order, other keys (e.g. <c>"type": "function"</c>) skipped.
/// The call is committed when the name is read and declared; arguments that came before it are held until
/// then. Arguments written as a JSON string holding an object are accepted and unescaped; <c>null</c> means none.
/// </summary>
internal sealed class EnvelopeReader
{
    private readonly JsonStream _json = new();
    private readonly ArgumentsSpan _arguments = new();
    private Expecting _expecting = Expecting.Root;
    private bool _nameSeen;
    private bool _argumentsSeen;
    // Arguments not written as an object: the unescaped string, "{}" for null, "" for anything else.
    private string? _argumentsText;
    private bool _argumentsTextValid;
    private bool _committed;

    private enum Expecting { Root, Key, Name, Arguments, OtherValue, InsideArguments, InsideOther }

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
                    ReleaseArguments(emitter, _json.BufferedEnd);
                    return JsonCallStatus.NeedMore;
                case JsonReadResult.Invalid:
                    if (!_committed)
                    {
                        return JsonCallStatus.Rejected;
                    }

                    var validEnd = _json.ValidPrefixEnd();
                    ReleaseArguments(emitter, validEnd);
                    input.Unread(_json.TakeFrom(validEnd)); // the parser skips the rest of the call from here
                    return JsonCallStatus.Broken;
            }

            if (!Accept(token, emitter))
            {
                return JsonCallStatus.Rejected;
            }

            if (_json.Closed)
            {
                input.Unread(_json.TakeLeftover());
                return JsonCallStatus.Closed;
            }
        }
    }

    // False rejects the call (only ever before it is committed).
    private bool Accept(JsonToken token, CallEmitter emitter)
    {
        switch (_expecting)
        {
            case Expecting.Root:
                _expecting = Expecting.Key;
                return token.Type == JsonTokenType.StartObject;
            case Expecting.Key when token.Type == JsonTokenType.EndObject:
                return CloseEnvelope(emitter);
            case Expecting.Key:
                _expecting = token.Text switch
                {
                    "name" when !_nameSeen => Expecting.Name,
                    "arguments" or "parameters" when !_argumentsSeen => Expecting.Arguments,
                    _ => Expecting.OtherValue,
                };
                return true;
            case Expecting.Name:
                _nameSeen = true;
                _expecting = Expecting.Key;
                if (token.Type != JsonTokenType.String || !emitter.IsDeclared(token.Text!))
                {
                    return false;
                }

                Commit(token.Text!, emitter);
                return true;
            case Expecting.Arguments:
                AcceptArguments(token, emitter);
                return true;
            case Expecting.InsideArguments:
                if (token is { Depth: 1, Type: JsonTokenType.EndObject })
                {
                    _arguments.Close(token.End);
                    _expecting = Expecting.Key;
                    ReleaseArguments(emitter, token.End);
                }

                return true;
            case Expecting.OtherValue:
                _expecting = token.Type is JsonTokenType.StartObject or JsonTokenType.StartArray ? Expecting.InsideOther : Expecting.Key;
                return true;
            default: // InsideOther
                if (token is { Depth: 1, Type: JsonTokenType.EndObject or JsonTokenType.EndArray })
                {
                    _expecting = Expecting.Key;
                }

                return true;
        }
    }

    private void AcceptArguments(JsonToken token, CallEmitter emitter)
    {
        _argumentsSeen = true;
        _expecting = Expecting.Key;
        switch (token.Type)
        {
            case JsonTokenType.StartObject:
                _arguments.Open(token.Start);
                _expecting = Expecting.InsideArguments;
                return;
            case JsonTokenType.String:
                _argumentsText = token.Text!;
                _argumentsTextValid = IsJsonObject(_argumentsText);
                break;
            case JsonTokenType.Null:
                _argumentsText = "{}";
                _argumentsTextValid = true;
                break;
            default:
                _argumentsText = string.Empty;
                if (token.Type == JsonTokenType.StartArray)
                {
                    _expecting = Expecting.InsideOther;
                }

                break;
        }

        ReleaseArgumentsText(emitter);
    }

    private void Commit(string name, CallEmitter emitter)
    {
        emitter.Begin(name);
        _committed = true;
        ReleaseArguments(emitter, _json.BufferedEnd);
        ReleaseArgumentsText(emitter);
    }

    private bool CloseEnvelope(CallEmitter emitter)
    {
        if (!_committed)
        {
            return false; // an object without a name is no call
        }

        if (!_argumentsSeen)
        {
            emitter.AppendArguments("{}");
            emitter.CompleteArguments();
        }

        return true;
    }

    private void ReleaseArguments(CallEmitter emitter, int upTo)
    {
        if (!_committed)
        {
            return;
        }

        _arguments.Release(_json, emitter, upTo);
        if (_arguments.Ended)
        {
            emitter.CompleteArguments();
        }
    }

    private void ReleaseArgumentsText(CallEmitter emitter)
    {
        if (!_committed || _argumentsText is null)
        {
            return;
        }

        emitter.AppendArguments(_argumentsText);
        if (_argumentsTextValid)
        {
            emitter.CompleteArguments();
        }

        _argumentsText = null;
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
