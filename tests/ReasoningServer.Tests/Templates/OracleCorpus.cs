namespace ReasoningServer.Tests.Templates;

/// <summary>
/// The conversations the chat templates are checked on against Hugging Face's renderer and tokenizers: system and
/// developer prompts, multi-turn chats with reasoning in the history, tools, tool calls and results, content
/// parts, CJK and emoji. None puts special-token text in user data (that differs from Hugging Face on purpose; see
/// <see cref="ChatTemplateOracleTests"/>'s injection test).
/// </summary>
public static class OracleCorpus
{
    private const string Weather = """
        {"type":"function","function":{"name":"get_weather","description":"Current weather for a city.","parameters":{"type":"object","properties":{"city":{"type":"string","description":"City name"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"]}}}
        """;

    private const string Search = """
        {"type":"function","function":{"name":"search_flights","description":"Search flights between two airports.","parameters":{"type":"object","properties":{"from":{"type":"string"},"to":{"type":"string"},"passengers":{"type":"integer","minimum":1},"filters":{"type":"object","properties":{"nonstop":{"type":"boolean"},"max_price":{"type":"number"}}}},"required":["from","to"]},"strict":true}}
        """;

    public static IReadOnlyList<OracleConversation> Conversations { get; } =
    [
        new("one user turn", """{"messages":[{"role":"user","content":"Hello!"}]}"""),
        new("system and user", """{"messages":[{"role":"system","content":"You are a terse assistant."},{"role":"user","content":"What is 2 + 2?"}]}"""),
        new("developer role", """{"messages":[{"role":"developer","content":"Answer in French."},{"role":"user","content":"Good morning"}]}"""),
        new("multi-turn", """{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello! How can I help?"},{"role":"user","content":"Tell me a joke."}]}"""),
        new("prior reasoning field is dropped", """{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!","reasoning_content":"The user greets me."},{"role":"user","content":"And now?"}]}"""),
        new("prior inline thinking is dropped", """{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"<think>\nThe user greets me.\n</think>\n\nHello!"},{"role":"user","content":"And now?"}]}"""),
        new("all turns keep reasoning", """{"reasoning":{"context":"all_turns"},"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!","reasoning_content":"The user greets me."},{"role":"user","content":"And now?"}]}"""),
        new("tools declared", $$$"""{"tools":[{{{Weather}}}],"messages":[{"role":"user","content":"Weather in Paris?"}]}"""),
        new("tools and a system prompt", $$$"""{"tools":[{{{Weather}}},{{{Search}}}],"messages":[{"role":"system","content":"You help travellers."},{"role":"user","content":"Flights from CDG to JFK for 2?"}]}"""),
        new("tool call round trip", $$$"""{"tools":[{{{Weather}}}],"messages":[{"role":"user","content":"Weather in Paris?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_a1","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}}]},{"role":"tool","tool_call_id":"call_a1","content":"18 degrees and sunny"}]}"""),
        new("parallel tool calls", $$$"""{"tools":[{{{Weather}}}],"messages":[{"role":"user","content":"Weather in Paris and Rome?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_a1","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}},{"id":"call_a2","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Rome\", \"unit\": \"celsius\"}"}}]},{"role":"tool","tool_call_id":"call_a1","content":"18 degrees"},{"role":"tool","tool_call_id":"call_a2","content":"24 degrees"}]}"""),
        new("text before a tool call", $$$"""{"tools":[{{{Weather}}}],"messages":[{"role":"user","content":"Weather in Oslo?"},{"role":"assistant","content":"Let me check.","tool_calls":[{"id":"call_b1","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Oslo\"}"}}]},{"role":"tool","tool_call_id":"call_b1","content":"-3 degrees"}]}"""),
        new("tool loop then a new question", $$$"""{"tools":[{{{Weather}}}],"messages":[{"role":"user","content":"Weather in Oslo?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_b1","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Oslo\"}"}}]},{"role":"tool","tool_call_id":"call_b1","content":"-3 degrees"},{"role":"assistant","content":"It is -3 degrees in Oslo."},{"role":"user","content":"Should I wear a coat?"}]}"""),
        new("reasoning of the current tool loop is kept", $$$"""{"tools":[{{{Weather}}}],"messages":[{"role":"user","content":"Weather in Oslo?"},{"role":"assistant","content":null,"reasoning_content":"I need the weather tool.","tool_calls":[{"id":"call_b1","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Oslo\"}"}}]},{"role":"tool","tool_call_id":"call_b1","content":"-3 degrees"}]}"""),
        new("nested tool arguments", $$$"""{"tools":[{{{Search}}}],"messages":[{"role":"user","content":"Cheap nonstop flights?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_c1","type":"function","function":{"name":"search_flights","arguments":"{\"from\": \"CDG\", \"to\": \"NRT\", \"passengers\": 2, \"filters\": {\"nonstop\": true, \"max_price\": 899.5}, \"notes\": null, \"tags\": [\"économie\", \"夜\"]}"}}]},{"role":"tool","tool_call_id":"call_c1","content":"{\"flights\": [{\"id\": \"AF276\", \"price\": 850}]}"}]}"""),
        new("compact arguments text", $$$"""{"tools":[{{{Weather}}}],"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_d1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Lima\"}"}}]},{"role":"tool","tool_call_id":"call_d1","content":"warm"}]}"""),
        new("content parts", """{"messages":[{"role":"user","content":[{"type":"text","text":"Summarise this: "},{"type":"text","text":"The quick brown fox jumps over the lazy dog."}]}]}"""),
        new("Chinese", """{"messages":[{"role":"user","content":"请用一句话介绍一下长城。"}]}"""),
        new("Japanese and Korean", """{"messages":[{"role":"system","content":"日本語で答えてください。"},{"role":"user","content":"안녕하세요! 東京の天気はどうですか？"}]}"""),
        new("emoji", """{"messages":[{"role":"user","content":"Rate this 👍🏽 and this 👨‍👩‍👧‍👦 and 🏳️‍🌈 — thanks! 🙏"}]}"""),
        new("code with tabs", """{"messages":[{"role":"user","content":"Fix this:\n\tdef add(a, b):\n\t\treturn a - b\n\nprint(add(2,  3))"}]}"""),
        new("long numbers", """{"messages":[{"role":"user","content":"What is 123456789012 * 98765432109?"}]}"""),
        new("whitespace runs", """{"messages":[{"role":"user","content":"  leading spaces,   inner   runs,\r\nCRLF lines\r\n\n\n   and trailing   "}]}"""),
        new("thinking switched off", """{"chat_template_kwargs":{"enable_thinking":false},"messages":[{"role":"user","content":"Quick: capital of Peru?"}]}"""),
        new("a user name", """{"messages":[{"role":"user","name":"alice","content":"Hi, I am Alice."}]}"""),
        new("tool result with a name", $$$"""{"tools":[{{{Weather}}}],"messages":[{"role":"user","content":"Weather in Cairo?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_e1","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Cairo\"}"}}]},{"role":"tool","tool_call_id":"call_e1","name":"get_weather","content":"35 degrees"}]}"""),
        new("a system prompt later on", """{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello."},{"role":"system","content":"From now on, be formal."},{"role":"user","content":"What's up?"}]}"""),
        new("a refusal in the history", """{"messages":[{"role":"user","content":"Help me pick a lock."},{"role":"assistant","content":null,"refusal":"I can't help with that."},{"role":"user","content":"OK, then a poem."}]}"""),
        new("an empty user message", """{"messages":[{"role":"user","content":""}]}"""),
        new("two system messages", """{"messages":[{"role":"system","content":"Be brief."},{"role":"system","content":"Use metric units."},{"role":"user","content":"How tall is Everest?"}]}"""),
        new("ten exchanges", "{\"messages\":[" + string.Join(",", Enumerable.Range(1, 10).Select(i =>
            $"{{\"role\":\"user\",\"content\":\"Question {i}: what is {i} squared?\"}},{{\"role\":\"assistant\",\"content\":\"{i * i}\"}}")) + ",{\"role\":\"user\",\"content\":\"And 11?\"}]}"),
        new("a long message", "{\"messages\":[{\"role\":\"user\",\"content\":\"" + string.Concat(Enumerable.Repeat("All work and no play makes Jack a dull boy. ", 250)) + "\"}]}"),
        new("markdown and quotes", """{"messages":[{"role":"user","content":"# Title\n\n- item \"one\"\n- item 'two'\n\n```json\n{\"a\": [1, 2]}\n```"}]}"""),
    ];
}
