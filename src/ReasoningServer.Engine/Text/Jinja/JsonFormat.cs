namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>How <see cref="JsonEncoder"/> lays JSON out: <c>json.dumps</c>'s arguments, plus what undefined becomes.</summary>
internal sealed record JsonFormat(string? Indent, string ItemSeparator, string KeySeparator, bool SortKeys, bool EnsureAscii, bool UndefinedAsNull)
{
    /// <summary>How the reference prints a list or dict with <c>{{ }}</c>, <c>~</c> or <c>string</c>.</summary>
    public static JsonFormat Print { get; } = new(null, ", ", ": ", SortKeys: false, EnsureAscii: false, UndefinedAsNull: false);
}
