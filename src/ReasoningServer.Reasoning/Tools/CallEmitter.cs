namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// Turns what the call readers find into calls and their streamed fragments: a call begins (is committed) when
/// its name is known to be a declared tool, and from then on it is never taken back.
/// </summary>
internal sealed class CallEmitter(IReadOnlySet<string> declaredTools, Func<string> newId)
{
    private readonly List<CallRecord> _calls = [];
    private readonly List<ToolCallFragment> _fragments = [];
    private CallRecord? _current;

    /// <summary>True between a call's commit and its end.</summary>
    public bool InCall => _current is not null;

    public IReadOnlyList<ParsedToolCall> Calls => _calls.Select(c => c.ToParsed()).ToArray();

    public bool IsDeclared(string name) => declaredTools.Contains(name);

    public void Begin(string name)
    {
        _current = new CallRecord(newId(), name);
        _calls.Add(_current);
        _fragments.Add(new ToolCallFragment(_calls.Count - 1, _current.Id, name, string.Empty));
    }

    public void AppendArguments(string piece)
    {
        if (piece.Length == 0)
        {
            return;
        }

        var call = _current!;
        call.Arguments.Append(piece);
        var index = _calls.Count - 1;
        // One fragment per call per delta: the host sends fewer, larger chunks.
        if (_fragments.Count > 0 && _fragments[^1].Index == index)
        {
            var last = _fragments[^1];
            _fragments[^1] = last with { ArgumentsPiece = last.ArgumentsPiece + piece };
        }
        else
        {
            _fragments.Add(new ToolCallFragment(index, null, null, piece));
        }
    }

    public void CompleteArguments() => _current!.ArgumentsComplete = true;

    /// <summary>Ends the current call; it is complete if its arguments were.</summary>
    public void End() => _current = null;

    public IReadOnlyList<ToolCallFragment> TakeFragments()
    {
        if (_fragments.Count == 0)
        {
            return [];
        }

        var fragments = _fragments.ToArray();
        _fragments.Clear();
        return fragments;
    }
}
