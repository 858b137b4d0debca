namespace ReasoningServer.Tests.Shared;

/// <summary>
/// Texts that exercise what tokenizers get wrong: pre-tokenizer regex corners (contractions, digit groups, whitespace
/// runs, <c>\r\n</c>), scripts without spaces (CJK), multi-code-point graphemes (ZWJ emoji, skin tones, combining
/// marks), and special tokens of every family in running text (each family's are plain text to the others).
/// </summary>
public static class TokenizerCorpus
{
    /// <summary>The NFD (decomposed) form of <see cref="AccentedNfc"/>: Qwen's normalizer composes it, llama.cpp does not.</summary>
    public const string CombiningNfdName = "combining marks, NFD";

    // Written out: under InvariantGlobalization (Directory.Build.props) string.Normalize returns its input unchanged.
    private const string AccentedNfc = "caf\u00E9 na\u00EFve r\u00E9sum\u00E9 \u00C5ngstr\u00F6m \u00FCber jalape\u00F1o";
    private const string AccentedNfd = "cafe\u0301 nai\u0308ve re\u0301sume\u0301 A\u030Angstro\u0308m u\u0308ber jalapen\u0303o";

    /// <summary>Every case by name.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Cases { get; } =
    [
        new("prose", "The quick brown fox jumps over the lazy dog. It barked, twice; then it slept."),
        new("prose with quotes", "She said, “It’s fine” — and left… (really?) [yes] {no}"),
        new("mixed case", "UPPER lower MiXeD CaSe camelCase snake_case kebab-case PascalCase"),
        new("leading and trailing spaces", "   padded on both sides   "),
        new("contractions", "I'm sure you'll see they've done it; he's said we'd go, and it's theirs."),
        new("upper-case contractions", "DON'T YOU'LL I'D WE'RE THEY'VE SHE'S IT'LL"),
        new("apostrophes", "'s 't 're 've 'm 'll 'd rock'n'roll o'clock ''quoted'' 'tis"),
        new("python, 4-space indents", "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n"),
        new("c, tab indents", "int main(void) {\n\tif (x) {\n\t\treturn 1;\n\t}\n\treturn 0;\n}\n"),
        new("mixed indentation", "    \t  x = 1\n\t    y = 2\n  \t\t z = 3"),
        new("json", "{\"key\": [1, 2.5, -3e8, null, true], \"nested\": {\"a\": \"b\\n\"}}"),
        new("shell", "ls -la | grep \"*.cs\" && echo $HOME > /tmp/out.txt 2>&1"),
        new("markdown", "# Title\n\n- item **bold** _it_ `code`\n\n```python\nprint('hi')\n```\n"),
        new("url and email", "https://example.com/path/to?query=1&b=%20x#frag mail: a.b+c@example.org"),
        new("ten digits", "1234567890"),
        new("thirty digits", "123456789012345678901234567890"),
        new("digit runs of every length", "3 33 333 3333 33333 333333 3333333 33333333"),
        new("decimals and signs", "3.14159 2.71828 1e-10 -42 +7 0.5% 3..3 3...3"),
        new("grouped numbers", "1,000,000 and 1.000.000 and 1 000 000 and 10_000"),
        new("dates and times", "On 2024-12-31 at 23:59:59, or 12/31/2024 11:59 PM."),
        new("chinese", "今天天气很好，我们去公园散步吧。"),
        new("chinese with latin and digits", "我想在apple工作1314151天～"),
        new("japanese kana", "こんにちは、世界！カタカナとひらがな。ーヽヾゝゞ"),
        new("japanese kanji and kana", "東京は日本の首都です。ラーメンが好き。"),
        new("korean", "안녕하세요, 세계! 한국어 텍스트입니다."),
        new("cjk with latin", "GPT-4は2023年に発表された。Claude是AI助手。한국어ABC"),
        new("emoji", "🚀 (normal) 😶‍🌫️ (multiple emojis concatenated) ✅ 🦙🦙"),
        new("zwj family", "👨‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 👩‍🔬 scientist"),
        new("skin tones", "👍🏽 👋🏿 🧑🏻‍💻 🤝🏼"),
        new("flags", "🇺🇸🇯🇵🇩🇪 🏴‍☠️"),
        new("emoji in text", "I ❤️ pizza 🍕!! Done ✔︎."),
        new("combining marks, NFC", AccentedNfc),
        new(CombiningNfdName, AccentedNfd),
        new("stacked combining marks", "Z\u0324\u0354\u0367\u0311\u0313ä\u0356\u032D\u0308\u0307l\u036E\u0312\u036Bǧ\u0317\u035A\u031Ao\u0319\u0314\u036E\u0307\u0350\u0307"),
        new("devanagari and thai", "नमस्ते दुनिया สวัสดีครับ"),
        new("khmer", "កាន់តែពិសេសអាច😁"),
        new("arabic and hebrew", "مرحبا بالعالم שלום עולם"),
        new("cyrillic and greek", "нещо на Български Καλημέρα κόσμε"),
        new("whitespace runs", "\n \n\n \n\n\n \t \t\t \t\n  \n   \n    \n     \n"),
        new("spaces between words", "a    b\t\tc\n\n\nd  \n  e"),
        new("crlf", "line one\r\nline two\r\n\r\nline three\r\n"),
        new("lone cr", "carriage\rreturn\r\rend"),
        new("one space", " "),
        new("unicode spaces", "non\u00A0breaking\u2003em\u3000ideographic\u2009thin"),
        new("punctuation runs", "''''''```````\"\"\"\"......!!!!!!?????? ------======= ***### <<<>>>"),
        new("probe text", "I've been 'told he's there, 'RE you sure? 'M not sure I'll make it, 'D you like some tea? We'Ve a'lL"),
        new("qwen chat turn",
            "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\nhmm\n</think>\n\nHello<|im_end|><|endoftext|>"),
        new("qwen tool call", "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>"),
        new("deepseek chat turn", "<｜begin▁of▁sentence｜>You are kind.<｜User｜>Hi<｜Assistant｜><think>\nok\n</think>\n\nAnswer<｜end▁of▁sentence｜>"),
        new("deepseek tool call", "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>f\n```json\n{}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>"),
        new("llama chat turn", "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"),
        new("llama tool call", "<|start_header_id|>assistant<|end_header_id|>\n\n<|python_tag|>{\"name\": \"f\", \"parameters\": {}}<|eom_id|>"),
        new("special tokens inside words", "text<think>text</think>more<|im_end|>x<|eot_id|>y"),
        new("special tokens between spaces", " <|im_start|> x  <think> \n</think>\n\n <｜User｜> "),
    ];

    /// <summary>The text of case <paramref name="name"/>.</summary>
    public static string Text(string name) => Cases.Single(c => c.Key == name).Value;
}
