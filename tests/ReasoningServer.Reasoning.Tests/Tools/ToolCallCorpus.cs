using ReasoningServer.Reasoning.Tools;

namespace ReasoningServer.Reasoning.Tests.Tools;

/// <summary>Realistic outputs of each family, well-formed and not, with the content and calls they must give.</summary>
internal static class ToolCallCorpus
{
    public const string CallsBegin = "<｜tool▁calls▁begin｜>";
    public const string CallsEnd = "<｜tool▁calls▁end｜>";
    public const string CallBegin = "<｜tool▁call▁begin｜>";
    public const string CallEnd = "<｜tool▁call▁end｜>";
    public const string Sep = "<｜tool▁sep｜>";

    public static readonly ToolCallFormat Hermes = ToolCallFormat.Hermes(_ => true);
    public static readonly ToolCallFormat DeepSeekR1 = ToolCallFormat.DeepSeekR1(_ => true);
    public static readonly ToolCallFormat DeepSeekV31 = ToolCallFormat.DeepSeekV31(_ => true);
    public static readonly ToolCallFormat Llama = ToolCallFormat.Llama3Json(_ => false);

    private const string Weather = """{"location": "Paris", "unit": "celsius"}""";
    private const string Tricky = """{"path": "notes/a.json", "content": "{\"k\": [1, {\"x\": \"}\"}], \"tag\": \"</tool_call>\", \"q\": \"say \\\"hi\\\"\"}"}""";
    private const string Unicode = """{"query": "météo à Zürich 🌦️ 東京", "escaped": "\u00e9\ud83d\ude00"}""";

    public static IEnumerable<ToolCallCase> All => Hermeses.Concat(DeepSeeks).Concat(Llamas);

    public static IEnumerable<ToolCallCase> Hermeses =>
    [
        new("hermes: plain answer", Hermes, "The capital of France is Paris.", "The capital of France is Paris."),
        new("hermes: one call", Hermes, $"<tool_call>\n{{\"name\": \"get_weather\", \"arguments\": {Weather}}}\n</tool_call>", "",
            new ExpectedCall("get_weather", Weather)),
        new("hermes: text before a call", Hermes,
            $"I'll check the weather in Paris for you.\n<tool_call>\n{{\"name\": \"get_weather\", \"arguments\": {Weather}}}\n</tool_call>",
            "I'll check the weather in Paris for you.", new ExpectedCall("get_weather", Weather)),
        new("hermes: parallel calls", Hermes,
            "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"location\": \"Paris\"}}\n</tool_call>\n" +
            "<tool_call>\n{\"name\": \"get_time\", \"arguments\": {\"tz\": \"Europe/Paris\"}}\n</tool_call>", "",
            new ExpectedCall("get_weather", """{"location": "Paris"}"""), new ExpectedCall("get_time", """{"tz": "Europe/Paris"}""")),
        new("hermes: braces, escaped quotes and the end tag inside strings", Hermes,
            $"<tool_call>\n{{\"name\": \"write_file\", \"arguments\": {Tricky}}}\n</tool_call>", "", new ExpectedCall("write_file", Tricky)),
        new("hermes: unicode and escapes", Hermes,
            $"Searching… 🔍\n\n<tool_call>\n{{\"name\": \"search\", \"arguments\": {Unicode}}}\n</tool_call>", "Searching… 🔍",
            new ExpectedCall("search", Unicode)),
        new("hermes: compact, no newlines", Hermes, "<tool_call>{\"name\":\"get_time\",\"arguments\":{}}</tool_call>", "",
            new ExpectedCall("get_time", "{}")),
        new("hermes: pretty-printed with indentation", Hermes,
            "<tool_call>\n  {\n    \"name\": \"get_time\",\n    \"arguments\": {\n      \"tz\": \"UTC\"\n    }\n  }\n</tool_call>\n", "",
            new ExpectedCall("get_time", "{\n      \"tz\": \"UTC\"\n    }")),
        new("hermes: arguments before the name, an extra key", Hermes,
            "<tool_call>\n{\"arguments\": {\"q\": [1, 2, {\"deep\": null}]}, \"type\": \"function\", \"name\": \"search\"}\n</tool_call>", "",
            new ExpectedCall("search", """{"q": [1, 2, {"deep": null}]}""")),
        new("hermes: content before and after", Hermes,
            "Checking.\n<tool_call>\n{\"name\": \"get_time\", \"arguments\": {}}\n</tool_call>\nDone.", "Checking.\nDone.",
            new ExpectedCall("get_time", "{}")),
        new("hermes: content only after", Hermes,
            "<tool_call>\n{\"name\": \"get_time\", \"arguments\": {}}\n</tool_call>\n\nI asked for the time.", "I asked for the time.",
            new ExpectedCall("get_time", "{}")),
        new("hermes: no arguments key, null arguments", Hermes,
            "<tool_call>\n{\"name\": \"get_time\"}\n</tool_call>\n<tool_call>\n{\"name\": \"get_time\", \"arguments\": null}\n</tool_call>", "",
            new ExpectedCall("get_time", "{}"), new ExpectedCall("get_time", "{}")),
        new("hermes: arguments as a JSON string", Hermes,
            "<tool_call>\n{\"name\": \"search\", \"arguments\": \"{\\\"query\\\": \\\"x\\\"}\"}\n</tool_call>", "",
            new ExpectedCall("search", """{"query": "x"}""")),
        new("hermes: closing tag missing at the end", Hermes, "<tool_call>\n{\"name\": \"get_time\", \"arguments\": {\"tz\": \"UTC\"}}\n", "",
            new ExpectedCall("get_time", """{"tz": "UTC"}""")),
        new("hermes: closing tag cut off", Hermes, "<tool_call>\n{\"name\": \"get_time\", \"arguments\": {}}\n</tool_", "",
            new ExpectedCall("get_time", "{}")),
        new("hermes: mentions the tag in prose", Hermes, "Wrap calls in <tool_call> tags, like <tool_call>this</tool_call>.",
            "Wrap calls in <tool_call> tags, like <tool_call>this</tool_call>."),
        new("hermes: undeclared function is content", Hermes,
            "<tool_call>\n{\"name\": \"delete_everything\", \"arguments\": {}}\n</tool_call>",
            "<tool_call>\n{\"name\": \"delete_everything\", \"arguments\": {}}\n</tool_call>"),
        new("hermes: not JSON is content", Hermes, "Sure.\n<tool_call>\n{name: get_weather}\n</tool_call>",
            "Sure.\n<tool_call>\n{name: get_weather}\n</tool_call>"),
        new("hermes: an undeclared call between two calls", Hermes,
            "<tool_call>\n{\"name\": \"get_time\", \"arguments\": {}}\n</tool_call>\n" +
            "<tool_call>\n{\"name\": \"get_tim\", \"arguments\": {}}\n</tool_call>\n" +
            "<tool_call>\n{\"name\": \"search\", \"arguments\": {\"query\": \"now\"}}\n</tool_call>",
            "<tool_call>\n{\"name\": \"get_tim\", \"arguments\": {}}\n</tool_call>",
            new ExpectedCall("get_time", "{}"), new ExpectedCall("search", """{"query": "now"}""")),
        new("hermes: cut off inside the arguments", Hermes,
            "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"location\": \"Par", "",
            new ExpectedCall("get_weather", """{"location": "Par""", IsComplete: false)),
        new("hermes: cut off before the name is known", Hermes, "Sure.\n<tool_call>\n{\"name\": \"get_wea",
            "Sure.\n<tool_call>\n{\"name\": \"get_wea"),
        new("hermes: invalid arguments after the name", Hermes,
            "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"location\": \"Paris\" \"unit\": \"c\"}}\n</tool_call>\nAfter.",
            "After.", new ExpectedCall("get_weather", """{"location": "Paris" """, IsComplete: false)),
        new("hermes: arguments string that is no object", Hermes,
            "<tool_call>\n{\"name\": \"search\", \"arguments\": \"query=x\"}\n</tool_call>", "",
            new ExpectedCall("search", "query=x", IsComplete: false)),
    ];

    public static IEnumerable<ToolCallCase> DeepSeeks =>
    [
        new("r1: one call", DeepSeekR1,
            $"{CallsBegin}{CallBegin}function{Sep}get_weather\n```json\n{Weather}\n```{CallEnd}{CallsEnd}", "",
            new ExpectedCall("get_weather", Weather)),
        new("r1: text before parallel calls", DeepSeekR1,
            $"I'll look both up.\n\n{CallsBegin}{CallBegin}function{Sep}get_weather\n```json\n{{\"location\": \"Oslo\"}}\n```{CallEnd}\n" +
            $"{CallBegin}function{Sep}get_time\n```json\n{{\"tz\": \"Europe/Oslo\"}}\n```{CallEnd}{CallsEnd}",
            "I'll look both up.", new ExpectedCall("get_weather", """{"location": "Oslo"}"""), new ExpectedCall("get_time", """{"tz": "Europe/Oslo"}""")),
        new("r1: type word missing", DeepSeekR1,
            $"{CallsBegin}{CallBegin}{Sep}get_time\n```json\n{{}}\n```{CallEnd}{CallsEnd}", "", new ExpectedCall("get_time", "{}")),
        new("r1: calls-end missing at the end", DeepSeekR1,
            $"{CallsBegin}{CallBegin}function{Sep}get_time\n```json\n{{\"tz\": \"UTC\"}}\n```{CallEnd}", "",
            new ExpectedCall("get_time", """{"tz": "UTC"}""")),
        new("r1: call-end and calls-end missing", DeepSeekR1,
            $"{CallsBegin}{CallBegin}function{Sep}get_time\n```json\n{{\"tz\": \"UTC\"}}\n```", "",
            new ExpectedCall("get_time", """{"tz": "UTC"}""")),
        new("r1: call-begin left out", DeepSeekR1,
            $"{CallsBegin}function{Sep}get_time\n```json\n{{}}\n```{CallEnd}{CallsEnd}", "", new ExpectedCall("get_time", "{}")),
        new("r1: fence without a language, pretty arguments", DeepSeekR1,
            $"{CallsBegin}{CallBegin}function{Sep}search\n```\n{{\n  \"query\": \"dotnet 10\"\n}}\n```{CallEnd}{CallsEnd}", "",
            new ExpectedCall("search", "{\n  \"query\": \"dotnet 10\"\n}")),
        new("r1: a variant calls-begin spelling", DeepSeekR1,
            $"<｜tool_calls_begin｜>{CallBegin}function{Sep}get_time\n```json\n{{}}\n```{CallEnd}{CallsEnd}", "",
            new ExpectedCall("get_time", "{}")),
        new("r1: fences, braces and markers inside strings", DeepSeekR1,
            $"{CallsBegin}{CallBegin}function{Sep}write_file\n```json\n{{\"path\": \"r.md\", \"content\": \"```json\\n{{}}\\n```{CallEnd} é\"}}\n```{CallEnd}{CallsEnd}",
            "", new ExpectedCall("write_file", $"{{\"path\": \"r.md\", \"content\": \"```json\\n{{}}\\n```{CallEnd} é\"}}")),
        new("r1: undeclared function is content", DeepSeekR1,
            $"{CallsBegin}{CallBegin}function{Sep}rm_rf\n```json\n{{}}\n```{CallEnd}{CallsEnd}",
            $"{CallsBegin}{CallBegin}function{Sep}rm_rf\n```json\n{{}}\n```{CallEnd}{CallsEnd}"),
        new("r1: cut off inside the arguments", DeepSeekR1,
            $"{CallsBegin}{CallBegin}function{Sep}search\n```json\n{{\"query\": \"long que", "",
            new ExpectedCall("search", """{"query": "long que""", IsComplete: false)),
        new("r1: broken arguments", DeepSeekR1,
            $"{CallsBegin}{CallBegin}function{Sep}search\n```json\n{{\"query\": tru}}\n```{CallEnd}\n" +
            $"{CallBegin}function{Sep}get_time\n```json\n{{}}\n```{CallEnd}{CallsEnd}", "",
            new ExpectedCall("search", """{"query": tru""", IsComplete: false), new ExpectedCall("get_time", "{}")),
        new("r1: a call-begin without calls-begin", DeepSeekR1,
            $"{CallBegin}function{Sep}get_time\n```json\n{{}}\n```{CallEnd}", "", new ExpectedCall("get_time", "{}")),
        new("v3.1: parallel calls", DeepSeekV31,
            $"{CallsBegin}{CallBegin}get_weather{Sep}{{\"location\": \"Tokyo\"}}{CallEnd}{CallBegin}get_time{Sep}{{\"tz\": \"Asia/Tokyo\"}}{CallEnd}{CallsEnd}",
            "", new ExpectedCall("get_weather", """{"location": "Tokyo"}"""), new ExpectedCall("get_time", """{"tz": "Asia/Tokyo"}""")),
        new("v3.1: text before, unicode", DeepSeekV31,
            $"让我查一下。{CallsBegin}{CallBegin}search{Sep}{{\"query\": \"北京天气\"}}{CallEnd}{CallsEnd}", "让我查一下。",
            new ExpectedCall("search", """{"query": "北京天气"}""")),
        new("v3.1: header too long is content", DeepSeekV31,
            $"{CallBegin}{new string('x', 200)}", $"{CallBegin}{new string('x', 200)}"),
    ];

    public static IEnumerable<ToolCallCase> Llamas =>
    [
        new("llama: one call", Llama, $"{{\"name\": \"get_weather\", \"parameters\": {Weather}}}", "", new ExpectedCall("get_weather", Weather)),
        new("llama: type first, leading whitespace", Llama,
            "\n\n{\"type\": \"function\", \"name\": \"get_time\", \"parameters\": {\"tz\": \"UTC\"}}", "",
            new ExpectedCall("get_time", """{"tz": "UTC"}""")),
        new("llama: python tag and arguments key", Llama,
            "<|python_tag|>{\"name\": \"search\", \"arguments\": {\"query\": \"llama 3.3 \\\"release\\\" date\"}}", "",
            new ExpectedCall("search", """{"query": "llama 3.3 \"release\" date"}""")),
        new("llama: calls separated by semicolons", Llama,
            "{\"name\": \"get_weather\", \"parameters\": {\"location\": \"Rome\"}}; {\"name\": \"get_time\", \"parameters\": {}}", "",
            new ExpectedCall("get_weather", """{"location": "Rome"}"""), new ExpectedCall("get_time", "{}")),
        new("llama: JSON content that is no call", Llama, "{\"answer\": 42, \"unit\": \"km\"}", "{\"answer\": 42, \"unit\": \"km\"}"),
        new("llama: a name that is no declared tool", Llama, "{\"name\": \"Alice\", \"age\": 30}", "{\"name\": \"Alice\", \"age\": 30}"),
        new("llama: a call not at the start is content", Llama, "Here it is: {\"name\": \"get_time\", \"parameters\": {}}",
            "Here it is: {\"name\": \"get_time\", \"parameters\": {}}"),
        new("llama: text after the call", Llama, "{\"name\": \"get_time\", \"parameters\": {}}\n\nThat is the call.", "That is the call.",
            new ExpectedCall("get_time", "{}")),
        new("llama: cut off", Llama, "{\"name\": \"search\", \"parameters\": {\"query\": \"a\", \"limit\": 1", "",
            new ExpectedCall("search", """{"query": "a", "limit": 1""", IsComplete: false)),
        new("llama: broken arguments drop the rest", Llama,
            "{\"name\": \"get_weather\", \"parameters\": {\"location\": Paris}}\nmore", "",
            new ExpectedCall("get_weather", """{"location": """, IsComplete: false)),
        new("llama: whitespace only", Llama, "  \n", "  \n"),
        new("llama: an answer starting with a brace that is no JSON", Llama, "{{template}} is Jinja syntax.", "{{template}} is Jinja syntax."),
    ];
}
