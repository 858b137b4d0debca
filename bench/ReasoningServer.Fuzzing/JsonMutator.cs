using System.Text;
using System.Text.Json.Nodes;

namespace ReasoningServer.Fuzzing;

/// <summary>Structural mutations of a valid body: each names itself for the report and changes the tree in place.</summary>
public sealed class JsonMutator(Random random, RawJson raw)
{
    private static readonly string[] NumericFields =
    [
        "max_tokens", "max_completion_tokens", "max_output_tokens", "n", "temperature", "top_p", "top_k", "min_p", "seed", "top_logprobs",
        "logprobs", "frequency_penalty", "presence_penalty", "thinking_budget_tokens", "best_of", "max_tool_calls",
    ];

    public static readonly string[] Names =
    [
        "wrong-type", "number", "remove", "null", "unknown-field", "deep", "string", "role", "content-parts", "logit-bias", "n",
        "test-time", "regex", "schema", "messages", "stop", "tools", "reasoning", "input",
    ];

    public string Apply(JsonObject body)
    {
        var name = Names[random.Next(Names.Length)];
        switch (name)
        {
            case "wrong-type": Replace(body, AnyValue()); break;
            case "number": body[Pick(NumericFields)] = Raw(Pick(FuzzValues.Numbers)); break;
            case "remove": RemoveSome(body); break;
            case "null": Replace(body, null); break;
            case "unknown-field": Target(body)[Pick(["x", "", "MODEL", "messages ", "\u0000", "functions", "audio", "prediction"])] = AnyValue(); break;
            case "deep": Replace(body, Raw(Deep(Pick([64, 65, 1000, 10_000])))); break;
            case "string": Replace(body, Raw(random.Next(4) == 0 ? Huge() : Pick(FuzzValues.Strings))); break;
            case "role": Roles(body); break;
            case "content-parts": ContentParts(body); break;
            case "logit-bias": body["logit_bias"] = LogitBias(); break;
            case "n": body["n"] = Raw(Pick(["0", "-1", "1", "2", "8", "9", "64", "128", "129", "1000", "2147483647", "1e9", "2.5", "\"2\""])); break;
            case "test-time": body["test_time"] = TestTime(); break;
            case "regex": Regex(body); break;
            case "schema": body["response_format"] = new JsonObject { ["type"] = "json_schema", ["json_schema"] = new JsonObject { ["name"] = "s", ["strict"] = random.Next(2) == 0, ["schema"] = Schema() } }; break;
            case "messages": body["messages"] = Messages(); break;
            case "stop": body["stop"] = Stop(); break;
            case "tools": body["tools"] = Tools(); break;
            case "reasoning": Reasoning(body); break;
            case "input": body["input"] = Input(); break;
        }

        return name;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private JsonNode Raw(string text) => raw.Placeholder(text);

    private static string Deep(int depth)
    {
        var text = new StringBuilder(depth * 6);
        for (var i = 0; i < depth; i++) text.Append(i % 2 == 0 ? "[" : "{\"a\":");
        text.Append('1');
        for (var i = depth - 1; i >= 0; i--) text.Append(i % 2 == 0 ? "]" : "}");
        return text.ToString();
    }

    private string Huge() => "\"" + new string(Pick(['a', ' ', '\u00e9', '<']), Pick([1000, 70_000, 600_000])) + "\"";

    private JsonNode? AnyValue() => random.Next(10) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => Raw(Pick(FuzzValues.Numbers)),
        3 => Raw(Pick(FuzzValues.Strings)),
        4 => new JsonArray(),
        5 => new JsonObject(),
        6 => new JsonArray(1, "a", null, new JsonObject()),
        7 => new JsonObject { ["type"] = "text", ["text"] = 1 },
        8 => Raw(Deep(100)),
        _ => JsonValue.Create("x"),
    };

    /// <summary>Somewhere in the tree: the root or any object below it.</summary>
    private JsonObject Target(JsonObject body)
    {
        var objects = new List<JsonObject>();
        Walk(body, (node, _, _) => { if (node is JsonObject o) objects.Add(o); });
        return objects.Count == 0 ? body : Pick(objects);
    }

    /// <summary>Replaces one node anywhere below the root.</summary>
    private void Replace(JsonObject body, JsonNode? value)
    {
        var slots = new List<(JsonNode Parent, object Key)>();
        Walk(body, (_, parent, key) => { if (parent is not null) slots.Add((parent, key!)); });
        if (slots.Count == 0) return;
        var (parentNode, slot) = Pick(slots);
        switch (parentNode)
        {
            case JsonObject o: o[(string)slot] = value; break;
            case JsonArray a: a[(int)slot] = value; break;
        }
    }

    private void RemoveSome(JsonObject body)
    {
        var target = Target(body);
        if (target.Count > 0) target.Remove(target.ElementAt(random.Next(target.Count)).Key);
    }

    private static void Walk(JsonNode? node, Action<JsonNode?, JsonNode?, object?> visit, JsonNode? parent = null, object? key = null)
    {
        visit(node, parent, key);
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList()) Walk(o[name], visit, o, name);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Walk(a[i], visit, a, i);
                break;
        }
    }

    private void Roles(JsonObject body)
    {
        var list = (body["messages"] ?? body["input"]) as JsonArray;
        if (list is null || list.Count == 0)
        {
            body["messages"] = new JsonArray(new JsonObject { ["role"] = Pick(FuzzValues.Roles), ["content"] = "x" });
            return;
        }

        if (list[random.Next(list.Count)] is JsonObject message)
        {
            message["role"] = random.Next(8) == 0 ? AnyValue() : Pick(FuzzValues.Roles);
        }
    }

    private JsonNode Part() => random.Next(12) switch
    {
        0 => new JsonObject { ["type"] = "text", ["text"] = "hi" },
        1 => new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64,AAAA" } },
        2 => new JsonObject { ["type"] = "input_audio", ["input_audio"] = new JsonObject { ["data"] = "AAAA", ["format"] = "wav" } },
        3 => new JsonObject { ["type"] = "file", ["file"] = new JsonObject { ["file_id"] = "f" } },
        4 => new JsonObject { ["type"] = "refusal", ["refusal"] = "no" },
        5 => new JsonObject { ["type"] = "input_text", ["text"] = "hi" },
        6 => new JsonObject { ["type"] = "output_text", ["text"] = "hi" },
        7 => new JsonObject { ["type"] = "text" },
        8 => new JsonObject { ["type"] = 7, ["text"] = "x" },
        9 => new JsonObject(),
        10 => new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "nested" }),
        _ => JsonValue.Create("bare string"),
    };

    private void ContentParts(JsonObject body)
    {
        var parts = new JsonArray();
        for (var i = random.Next(0, 4); i > 0; i--) parts.Add(Part());
        var list = (body["messages"] ?? body["input"]) as JsonArray;
        if (list is { Count: > 0 } && list[random.Next(list.Count)] is JsonObject message)
        {
            message["content"] = parts;
        }
        else
        {
            body["input"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = parts });
        }
    }

    private JsonNode LogitBias()
    {
        switch (random.Next(6))
        {
            case 0: return new JsonObject { [Pick(["abc", "-1", "", " 65", "65.0", "1e2", "99999999999", "0x41", "\u0000"])] = 1 };
            case 1: return new JsonObject { ["65"] = Raw(Pick(FuzzValues.Numbers)) };
            case 2: return new JsonObject { ["65"] = AnyValue() };
            case 3:
                var many = new JsonObject();
                for (var i = 0; i < Pick([300, 5_000, 50_000]); i++) many[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = 1;
                return many;
            case 4: return new JsonArray(65, 1);
            default: return new JsonObject { ["65"] = 100, ["66"] = -100, ["67"] = 101 };
        }
    }

    private JsonNode TestTime() => new JsonObject
    {
        ["strategy"] = Pick<JsonNode?>(["self_consistency", "best_of_n", "beam", "", null, 1]),
        ["samples"] = Raw(Pick(["0", "-1", "1", "2", "16", "17", "64", "1000", "2147483647", "1e12", "\"4\"", "null"])),
        ["answer"] = random.Next(3) == 0 ? AnyValue() : new JsonObject { ["extract"] = Pick<JsonNode?>(["regex", "boxed", "last_number", "x", null]), ["pattern"] = Pick(FuzzValues.Regexes) },
        ["score"] = Pick<JsonNode?>(["regex_verifier", "mean_logprob", "x", null]),
        ["verifier_pattern"] = Pick(FuzzValues.Regexes),
        ["early_stop"] = Pick<JsonNode?>([true, false, "yes", null]),
    };

    private void Regex(JsonObject body)
    {
        var pattern = Pick(FuzzValues.Regexes);
        switch (random.Next(4))
        {
            case 0:
                body["response_format"] = new JsonObject { ["type"] = "json_schema", ["json_schema"] = new JsonObject { ["name"] = "r", ["schema"] = StringSchema(pattern) } };
                break;
            case 1:
                body["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "json_schema", ["name"] = "r", ["schema"] = StringSchema(pattern) } };
                break;
            case 2:
                body["stop"] = new JsonArray(pattern, new string('a', 64));
                break;
            default:
                body["test_time"] = new JsonObject
                {
                    ["strategy"] = "best_of_n", ["samples"] = 2, ["score"] = "regex_verifier", ["verifier_pattern"] = pattern,
                    ["answer"] = new JsonObject { ["extract"] = "regex", ["pattern"] = pattern },
                };
                break;
        }
    }

    private static JsonObject StringSchema(string pattern) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject { ["v"] = new JsonObject { ["type"] = "string", ["pattern"] = pattern } },
        ["required"] = new JsonArray("v"),
    };

    private JsonNode? Schema() => random.Next(12) switch
    {
        0 => new JsonObject { ["$ref"] = "#" },
        1 => new JsonObject { ["$defs"] = new JsonObject { ["a"] = new JsonObject { ["$ref"] = "#/$defs/a" } }, ["$ref"] = "#/$defs/a" },
        2 => new JsonObject { ["type"] = "string", ["minLength"] = Raw(Pick(FuzzValues.Numbers)), ["maxLength"] = Raw(Pick(FuzzValues.Numbers)) },
        3 => new JsonObject { ["type"] = "array", ["minItems"] = 100000, ["items"] = new JsonObject { ["type"] = "integer" } },
        4 => new JsonObject { ["enum"] = new JsonArray([.. Enumerable.Range(0, 5000).Select(i => (JsonNode)JsonValue.Create("v" + i))]) },
        5 => new JsonObject { ["type"] = "integer", ["minimum"] = 10, ["maximum"] = 1 },
        6 => new JsonObject { ["anyOf"] = new JsonArray(), ["allOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" }) },
        7 => new JsonObject { ["type"] = Pick<JsonNode?>(["strnig", "", 5, null]) },
        8 => new JsonObject { ["type"] = "string", ["format"] = Pick(["date-time", "uuid", "email", "nope", "\u0000"]) },
        9 => Raw(Deep(Pick([60, 2000]))),
        10 => new JsonObject { ["type"] = "number", ["multipleOf"] = Raw(Pick(FuzzValues.Numbers)) },
        _ => AnyValue(),
    };

    private JsonNode Messages() => random.Next(5) switch
    {
        0 => new JsonArray(),
        1 => new JsonArray([.. Enumerable.Range(0, Pick([200, 3000])).Select(i => (JsonNode)new JsonObject { ["role"] = i % 2 == 0 ? "user" : "assistant", ["content"] = "m" + i })]),
        2 => new JsonArray(new JsonObject { ["role"] = "tool", ["content"] = "orphan" }),
        3 => new JsonArray(new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(new JsonObject { ["id"] = 1, ["function"] = new JsonObject { ["name"] = "", ["arguments"] = "{not json" } }) }),
        _ => new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Raw(Pick(FuzzValues.Strings)), ["name"] = Raw(Pick(FuzzValues.Strings)) }),
    };

    private JsonNode? Stop() => random.Next(6) switch
    {
        0 => new JsonArray(),
        1 => JsonValue.Create(""),
        2 => new JsonArray("", ""),
        3 => new JsonArray([.. Enumerable.Range(0, Pick([4, 5, 100])).Select(i => (JsonNode)JsonValue.Create("s" + i))]),
        4 => JsonValue.Create(new string('x', Pick([1, 1000, 100_000]))),
        _ => AnyValue(),
    };

    private JsonNode? Tools() => random.Next(6) switch
    {
        0 => new JsonArray(),
        1 => new JsonArray(new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = Raw(Pick(FuzzValues.Strings)), ["parameters"] = Schema() } }),
        2 => new JsonArray([.. Enumerable.Range(0, Pick([129, 1000])).Select(i => (JsonNode)new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "f" + i } })]),
        3 => new JsonArray(new JsonObject { ["type"] = Pick(["web_search", "code_interpreter", "", "function"]) }),
        4 => new JsonArray(new JsonObject { ["type"] = "function", ["name"] = "flat", ["parameters"] = Schema() }),
        _ => AnyValue(),
    };

    private void Reasoning(JsonObject body)
    {
        body["reasoning_effort"] = Pick<JsonNode?>(["none", "minimal", "low", "medium", "high", "xhigh", "max", "", "LOW", null, 3]);
        body["reasoning"] = random.Next(3) == 0 ? AnyValue() : new JsonObject
        {
            ["effort"] = Pick<JsonNode?>(["low", "x", null]),
            ["max_tokens"] = Raw(Pick(FuzzValues.Numbers)),
            ["min_tokens"] = Raw(Pick(FuzzValues.Numbers)),
            ["context"] = Pick<JsonNode?>(["auto", "current_turn", "all_turns", "x"]),
            ["summary"] = Pick<JsonNode?>(["auto", "detailed", "x", null]),
        };
        body["reasoning_format"] = Pick<JsonNode?>(["raw", "hidden", "reasoning_content", "reasoning", "deepseek", "", null]);
        body["thinking_budget_tokens"] = Raw(Pick(FuzzValues.Numbers));
    }

    private JsonNode? Input() => random.Next(6) switch
    {
        0 => new JsonArray(),
        1 => new JsonArray(new JsonObject { ["type"] = "reasoning", ["id"] = "rs_1", ["encrypted_content"] = "garbage", ["summary"] = new JsonArray() }),
        2 => new JsonArray(new JsonObject { ["type"] = "function_call_output", ["call_id"] = "nope", ["output"] = AnyValue() }),
        3 => new JsonArray(new JsonObject { ["type"] = Pick(["message", "item_reference", "x", ""]), ["id"] = "msg_1", ["role"] = Pick(FuzzValues.Roles), ["content"] = Part() }),
        4 => Raw(Pick(FuzzValues.Strings)),
        _ => AnyValue(),
    };
}
