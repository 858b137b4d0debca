using System.Text;

namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// Builds a string piece by piece while keeping each piece's provenance; the render output and every string the
/// interpreter assembles go through one, so no string can outgrow the render's character limit.
/// </summary>
internal sealed class TextBuilder(int maxLength)
{
    private readonly StringBuilder _text = new();
    private List<int>? _data;

    public int Length => _text.Length;

    public void Append(StringValue value) => Append(value, 0, value.Length);

    public void Append(StringValue value, int start, int length)
    {
        if (length == 0)
        {
            return;
        }

        Reserve(length);
        var shift = _text.Length - start;
        _text.Append(value.Text, start, length);
        var ranges = value.DataRanges;
        var end = start + length;
        for (var i = 0; i < ranges.Length; i += 2)
        {
            if (ranges[i] >= end)
            {
                break;
            }

            var from = Math.Max(ranges[i], start);
            var to = Math.Min(ranges[i + 1], end);
            if (from < to)
            {
                AddData(from + shift, to + shift);
            }
        }
    }

    public void Append(string text, bool fromData)
    {
        if (text.Length == 0)
        {
            return;
        }

        Reserve(text.Length);
        var start = _text.Length;
        _text.Append(text);
        if (fromData)
        {
            AddData(start, _text.Length);
        }
    }

    public void Append(char character, bool fromData)
    {
        Reserve(1);
        _text.Append(character);
        if (fromData)
        {
            AddData(_text.Length - 1, _text.Length);
        }
    }

    public StringValue ToValue() => StringValue.FromRanges(_text.ToString(), _data?.ToArray());

    public RenderedText ToRenderedText()
    {
        var text = _text.ToString();
        var runs = new List<TextRun>();
        var cursor = 0;
        if (_data is not null)
        {
            for (var i = 0; i < _data.Count; i += 2)
            {
                if (_data[i] > cursor)
                {
                    runs.Add(new TextRun(text[cursor.._data[i]], FromData: false));
                }

                runs.Add(new TextRun(text[_data[i].._data[i + 1]], FromData: true));
                cursor = _data[i + 1];
            }
        }

        if (cursor < text.Length)
        {
            runs.Add(new TextRun(cursor == 0 ? text : text[cursor..], FromData: false));
        }

        return new RenderedText(text, runs);
    }

    private void Reserve(int count)
    {
        if ((long)_text.Length + count > maxLength)
        {
            throw new JinjaRenderException($"The rendered text would exceed {maxLength} characters.");
        }
    }

    private void AddData(int start, int end)
    {
        _data ??= [];
        if (_data.Count > 0 && _data[^1] == start)
        {
            _data[^1] = end;
            return;
        }

        _data.Add(start);
        _data.Add(end);
    }
}
