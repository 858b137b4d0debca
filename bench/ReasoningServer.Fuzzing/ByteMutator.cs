using System.Text;

namespace ReasoningServer.Fuzzing;

/// <summary>Mutations of the serialized body: broken JSON, broken UTF-8, NUL bytes, duplicate keys, sheer size.</summary>
public sealed class ByteMutator(Random random)
{
    /// <summary>Above the server's default 8 MiB limit: must be a 413, read or not.</summary>
    public const int HugeBodyBytes = 20 * 1024 * 1024;

    public static readonly string[] Names =
    [
        "truncate", "flip", "invalid-utf8", "nul", "bom", "trailing", "utf16", "duplicate-key", "empty", "whitespace", "huge",
    ];

    /// <summary>The huge body is rare: 20 MB per case would make the run about moving bytes.</summary>
    public (string Name, byte[] Body) Apply(byte[] body)
    {
        var name = random.Next(300) == 0 ? "huge" : Names[random.Next(Names.Length - 1)];
        return (name, name switch
        {
            "truncate" => body[..random.Next(body.Length)],
            "flip" => Flip(body),
            "invalid-utf8" => Insert(body, Pick<byte[]>([[0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]])),
            "nul" => Insert(body, [0]),
            "bom" => [0xEF, 0xBB, 0xBF, .. body],
            "trailing" => [.. body, .. Encoding.UTF8.GetBytes(Pick(["}", "]", ",", " x", "\u0000", "{}", "\n{\"a\":1}"]))],
            "utf16" => Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(body)),
            "duplicate-key" => DuplicateKey(body),
            "empty" => [],
            "whitespace" => Encoding.UTF8.GetBytes(Pick([" ", "\r\n", "\t\t", "null", "true", "1", "\"s\"", "[]", "[{}]"])),
            _ => Huge(body),
        });
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private byte[] Flip(byte[] body)
    {
        var copy = body.ToArray();
        for (var i = random.Next(1, 4); i > 0 && copy.Length > 0; i--) copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }

    private byte[] Insert(byte[] body, byte[] bytes)
    {
        var at = random.Next(body.Length + 1);
        return [.. body[..at], .. bytes, .. body[at..]];
    }

    /// <summary>Repeats the first key with another value: which one wins must not matter for safety.</summary>
    private byte[] DuplicateKey(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        var open = text.IndexOf('{', StringComparison.Ordinal);
        if (open < 0) return body;
        var extra = Pick(["\"model\":\"other\",", "\"messages\":7,", "\"stream\":true,", "\"n\":128,", "\"max_tokens\":1,\"max_tokens\":2,", "\"input\":null,"]);
        return Encoding.UTF8.GetBytes(text.Insert(open + 1, extra) is var first && random.Next(2) == 0
            ? first
            : text.Insert(text.LastIndexOf('}') is var close and > 0 ? close : text.Length, "," + extra.TrimEnd(',')));
    }

    private static byte[] Huge(byte[] body)
    {
        // Valid JSON all the way: a huge string in a real field, so only the size is wrong.
        var prefix = Encoding.UTF8.GetBytes("{\"user\":\"");
        var suffix = Encoding.UTF8.GetBytes("\"," + Encoding.UTF8.GetString(body).TrimStart('{'));
        var huge = new byte[HugeBodyBytes];
        prefix.CopyTo(huge, 0);
        huge.AsSpan(prefix.Length, huge.Length - prefix.Length - suffix.Length).Fill((byte)'a');
        suffix.CopyTo(huge, huge.Length - suffix.Length);
        return huge;
    }
}
