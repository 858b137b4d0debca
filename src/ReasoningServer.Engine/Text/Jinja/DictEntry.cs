namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>One dictionary item; the key keeps its provenance (keys of user JSON are data).</summary>
internal readonly record struct DictEntry(StringValue Key, JinjaValue Value);
