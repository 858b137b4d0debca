using System.Text;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Text;
using ReasoningServer.Protocol.Responses;

namespace ReasoningServer.Serving.Responses;

/// <summary>
/// Builds a response's output items from the run's events, in the order they were generated — reasoning, message,
/// function calls, possibly more text after a call — and, for a stream, the typed events that announce them: an item
/// is added when its first piece arrives, its text or arguments stream as deltas, and it is done when another kind of
/// output starts or the run ends.
/// </summary>
internal sealed class ResponseOutputBuilder(ResponsesJob job, ReasoningSeal seal, Tokenizer tokenizer)
{
    private readonly List<ResponseItemDto> _output = [];
    private readonly StringBuilder _text = new();
    private readonly List<ResponseLogprobDto> _logprobs = [];
    private ResponseItemDto? _open;

    public List<ResponseItemDto> Output => _output;

    /// <summary>Each reasoning item's raw thinking, for the store.</summary>
    public Dictionary<string, string> Thinking { get; } = [];

    /// <summary>Adds one event of the run; the stream events it causes go to <paramref name="events"/> (null: not streamed).</summary>
    public async Task AddAsync(ChoiceEvent item, List<ResponseStreamEvent>? events, CancellationToken cancellationToken)
    {
        if (item.Reasoning.Length > 0)
        {
            await OpenAsync<ReasoningItemDto>(events, cancellationToken);
            _text.Append(item.Reasoning);
            if (job.Summary)
            {
                events?.Add(new ReasoningSummaryTextEvent { Type = "response.reasoning_summary_text.delta", ItemId = _open!.Id, OutputIndex = Index, Delta = item.Reasoning });
            }
        }

        if (item.Content.Length > 0 || item.Logprobs is { Count: > 0 })
        {
            await OpenAsync<MessageItemDto>(events, cancellationToken);
            _text.Append(item.Content);
            var logprobs = job.IncludeLogprobs ? Logprobs(item.Logprobs) : [];
            _logprobs.AddRange(logprobs);
            events?.Add(new OutputTextDeltaEvent { Type = "response.output_text.delta", ItemId = _open!.Id, OutputIndex = Index, Delta = item.Content, Logprobs = logprobs });
        }

        foreach (var fragment in item.ToolCalls ?? [])
        {
            if (fragment.Id is { } callId)
            {
                await CloseAsync(events, incomplete: false, cancellationToken);
                Open(new FunctionCallItemDto { Id = ResponseIds.NewItem("fc"), CallId = callId, Name = fragment.Name!, Arguments = string.Empty, Status = "in_progress" }, events);
            }

            if (fragment.ArgumentsPiece.Length > 0)
            {
                _text.Append(fragment.ArgumentsPiece);
                events?.Add(new FunctionCallArgumentsEvent { Type = "response.function_call_arguments.delta", ItemId = _open!.Id, OutputIndex = Index, Delta = fragment.ArgumentsPiece });
            }
        }
    }

    /// <summary>
    /// Closes the last item: an output cut short marks it incomplete. A completed response that neither answered nor
    /// called a function (the model stopped right after thinking) still ends with a message, of empty text, as chat
    /// completions answer <c>""</c>: clients read the answer from the message item and its <c>output_text.done</c>.
    /// </summary>
    public async Task FinishAsync(bool incomplete, List<ResponseStreamEvent>? events, CancellationToken cancellationToken)
    {
        if (!incomplete && !_output.Any(item => item is MessageItemDto or FunctionCallItemDto))
        {
            await OpenAsync<MessageItemDto>(events, cancellationToken);
        }

        await CloseAsync(events, incomplete, cancellationToken);
    }

    private int Index => _output.Count - 1;

    private async Task OpenAsync<T>(List<ResponseStreamEvent>? events, CancellationToken cancellationToken)
        where T : ResponseItemDto
    {
        if (_open is T)
        {
            return;
        }

        await CloseAsync(events, incomplete: false, cancellationToken);
        if (typeof(T) == typeof(ReasoningItemDto))
        {
            var reasoning = new ReasoningItemDto { Id = ResponseIds.NewItem("rs") };
            Open(reasoning, events);
            if (job.Summary)
            {
                events?.Add(new ReasoningSummaryPartEvent { Type = "response.reasoning_summary_part.added", ItemId = reasoning.Id, OutputIndex = Index, Part = new SummaryTextDto { Text = string.Empty } });
            }
        }
        else
        {
            var message = new MessageItemDto { Id = ResponseIds.NewItem("msg"), Role = "assistant", Status = "in_progress" };
            Open(message, events);
            events?.Add(new ContentPartEvent { Type = "response.content_part.added", ItemId = message.Id, OutputIndex = Index, Part = new OutputTextPartDto { Text = string.Empty } });
        }
    }

    private void Open(ResponseItemDto item, List<ResponseStreamEvent>? events)
    {
        _open = item;
        _output.Add(item);
        _text.Clear();
        _logprobs.Clear();
        events?.Add(new OutputItemEvent { Type = "response.output_item.added", OutputIndex = Index, Item = Snapshot(item) });
    }

    private async Task CloseAsync(List<ResponseStreamEvent>? events, bool incomplete, CancellationToken cancellationToken)
    {
        var status = incomplete ? "incomplete" : "completed";
        switch (_open)
        {
            case ReasoningItemDto reasoning:
                var thinking = _text.ToString();
                Thinking[reasoning.Id] = thinking;
                if (job.Summary)
                {
                    var part = new SummaryTextDto { Text = thinking };
                    reasoning.Summary.Add(part);
                    events?.Add(new ReasoningSummaryTextEvent { Type = "response.reasoning_summary_text.done", ItemId = reasoning.Id, OutputIndex = Index, Text = thinking });
                    events?.Add(new ReasoningSummaryPartEvent { Type = "response.reasoning_summary_part.done", ItemId = reasoning.Id, OutputIndex = Index, Part = part });
                }

                if (job.IncludeEncryptedReasoning)
                {
                    reasoning.EncryptedContent = await seal.SealAsync(thinking, job.Completion.Model.Id, job.ApiKeyId, cancellationToken);
                }

                break;
            case MessageItemDto message:
                var text = _text.ToString();
                var logprobs = job.IncludeLogprobs ? new List<ResponseLogprobDto>(_logprobs) : null;
                var output = new OutputTextPartDto { Text = text, Logprobs = logprobs };
                message.Content.Add(output);
                message.Status = status;
                events?.Add(new OutputTextDoneEvent { Type = "response.output_text.done", ItemId = message.Id, OutputIndex = Index, Text = text, Logprobs = logprobs ?? [] });
                events?.Add(new ContentPartEvent { Type = "response.content_part.done", ItemId = message.Id, OutputIndex = Index, Part = output });
                break;
            case FunctionCallItemDto call:
                call.Arguments = _text.ToString();
                call.Status = status;
                events?.Add(new FunctionCallArgumentsEvent { Type = "response.function_call_arguments.done", ItemId = call.Id, OutputIndex = Index, Arguments = call.Arguments, Name = call.Name });
                break;
            default:
                return;
        }

        events?.Add(new OutputItemEvent { Type = "response.output_item.done", OutputIndex = Index, Item = _open });
        _open = null;
    }

    private List<ResponseLogprobDto> Logprobs(IReadOnlyList<TokenLogprob>? logprobs) => logprobs is null ? [] :
        [.. logprobs.Select(l => new ResponseLogprobDto(tokenizer.GetDisplayText(l.Token), l.Logprob, Bytes(l.Token),
            [.. l.TopAlternatives.Select(a => new ResponseTopLogprobDto(tokenizer.GetDisplayText(a.Token), a.Logprob, Bytes(a.Token)))]))];

    private int[] Bytes(Native.LlamaToken token) => [.. tokenizer.GetBytes(token).ToArray().Select(b => (int)b)];

    /// <summary>The item as it stands when added: the stream must not show text that arrives later.</summary>
    private static ResponseItemDto Snapshot(ResponseItemDto item) => item switch
    {
        MessageItemDto message => new MessageItemDto { Id = message.Id, Role = message.Role, Status = "in_progress" },
        ReasoningItemDto reasoning => new ReasoningItemDto { Id = reasoning.Id },
        FunctionCallItemDto call => new FunctionCallItemDto { Id = call.Id, CallId = call.CallId, Name = call.Name, Arguments = string.Empty, Status = "in_progress" },
        _ => item,
    };
}
