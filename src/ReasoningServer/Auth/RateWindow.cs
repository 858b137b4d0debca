namespace ReasoningServer.Auth;

/// <summary>
/// One key's counts in a fixed window that opens with the first request after the previous one closed.
/// Tokens are charged after the fact, from what a request actually used, so a window can end in debt:
/// the key is then refused until the window closes.
/// </summary>
internal sealed class RateWindow
{
    private readonly Lock _lock = new();
    private long _opened = long.MinValue;
    private int _requests;
    private long _tokens;

    public RateDecision Admit(long now, long length, TimeProvider time, int requestLimit, int tokenLimit)
    {
        lock (_lock)
        {
            Roll(now, length);
            string? refusedBy = null;
            if (requestLimit > 0 && _requests >= requestLimit)
            {
                refusedBy = "requests";
            }
            else if (tokenLimit > 0 && _tokens >= tokenLimit)
            {
                refusedBy = "tokens";
            }
            else
            {
                _requests++;
            }

            var resetIn = time.GetElapsedTime(now, _opened + length);
            return new RateDecision(refusedBy, requestLimit, Math.Max(0, requestLimit - _requests), tokenLimit,
                Math.Max(0, tokenLimit - _tokens), resetIn);
        }
    }

    public void Charge(long now, long length, long tokens)
    {
        lock (_lock)
        {
            Roll(now, length);
            _tokens += tokens;
        }
    }

    private void Roll(long now, long length)
    {
        if (_opened == long.MinValue || now - _opened >= length)
        {
            _opened = now;
            _requests = 0;
            _tokens = 0;
        }
    }
}
