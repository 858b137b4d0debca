namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>One dictionary item. The key is usually a string, which keeps its provenance (keys of user JSON are
/// data); templates may also use numbers, booleans and none as keys, as Python allows.</summary>
internal readonly record struct DictEntry(JinjaValue Key, JinjaValue Value);
