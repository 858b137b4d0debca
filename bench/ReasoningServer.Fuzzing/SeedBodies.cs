using System.Text.Json.Nodes;

namespace ReasoningServer.Fuzzing;

/// <summary>
/// Valid request bodies that exercise every feature: mutations start from these, so most cases get past the JSON
/// reader and reach validation, the template, grammars and the engine. Token limits stay tiny so those that are
/// still valid finish at once.
/// </summary>
public static class SeedBodies
{
    public static IReadOnlyList<JsonObject> Chat(string model) =>
    [
        Parse(model, """{"model":"@model@","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":2}"""),
        Parse(model, """
            {"model":"@model@","messages":[
              {"role":"system","content":"Be brief."},{"role":"developer","content":"No tools unless needed."},
              {"role":"user","content":[{"type":"text","text":"What is 2+2?"}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"add","arguments":"{\"a\":2,\"b\":2}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"4"},
              {"role":"assistant","content":"4","reasoning_content":"two and two"},
              {"role":"user","content":"And 3+3?","name":"alice"}],
             "tools":[{"type":"function","function":{"name":"add","description":"adds","parameters":{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},"required":["a","b"]}}}],
             "tool_choice":"auto","parallel_tool_calls":true,"max_tokens":2,"temperature":0.7,"top_p":0.9,"top_k":40,"min_p":0.05,
             "seed":7,"frequency_penalty":0.1,"presence_penalty":0.1,"user":"u","metadata":{"a":"b"},"store":false}
            """),
        Parse(model, """
            {"model":"@model@","messages":[{"role":"user","content":"Give JSON"}],"max_completion_tokens":3,
             "response_format":{"type":"json_schema","json_schema":{"name":"o","strict":true,"schema":{"type":"object",
               "properties":{"code":{"type":"string","pattern":"^[A-Z]{2}[0-9]+$"},"n":{"type":"integer","minimum":0}},"required":["code","n"],"additionalProperties":false}}},
             "stop":["\n\n","END"],"logit_bias":{"65":-5,"66":3},"logprobs":true,"top_logprobs":2,"n":2}
            """),
        Parse(model, """
            {"model":"@model@","messages":[{"role":"user","content":"Count"}],"max_completion_tokens":2,"stream":true,
             "stream_options":{"include_usage":true},"reasoning_effort":"low","reasoning_format":"reasoning_content"}
            """),
        Parse(model, """
            {"model":"@model@","messages":[{"role":"user","content":"1+1?"}],"max_completion_tokens":2,
             "test_time":{"strategy":"best_of_n","samples":2,"answer":{"extract":"regex","pattern":"([0-9]+)"},"score":"regex_verifier","verifier_pattern":"^[0-9]+$"}}
            """),
        Parse(model, """
            {"model":"@model@","messages":[{"role":"user","content":"Think"}],"max_completion_tokens":3,
             "reasoning":{"effort":"high","max_tokens":2,"exclude":false},"thinking_budget_tokens":1,"truncation":"auto",
             "response_format":{"type":"json_object"},"chat_template_kwargs":{"enable_thinking":true}}
            """),
    ];

    public static IReadOnlyList<JsonObject> Completions(string model) =>
    [
        Parse(model, """{"model":"@model@","prompt":"Once","max_tokens":2}"""),
        Parse(model, """{"model":"@model@","prompt":["a","b"],"max_tokens":2,"n":2,"echo":true,"logprobs":2,"stop":"x","suffix":null,"seed":1,"temperature":0}"""),
        Parse(model, """{"model":"@model@","prompt":[1,2,3],"max_tokens":2,"stream":true,"stream_options":{"include_usage":true},"logit_bias":{"65":1}}"""),
    ];

    public static IReadOnlyList<JsonObject> Responses(string model) =>
    [
        Parse(model, """{"model":"@model@","input":"Hi","max_output_tokens":2}"""),
        Parse(model, """
            {"model":"@model@","instructions":"Be brief.","input":[
               {"type":"message","role":"user","content":[{"type":"input_text","text":"2+2?"}]},
               {"type":"function_call","call_id":"c1","name":"add","arguments":"{}"},
               {"type":"function_call_output","call_id":"c1","output":"4"}],
             "tools":[{"type":"function","name":"add","parameters":{"type":"object","properties":{}}}],
             "max_output_tokens":2,"reasoning":{"effort":"low","summary":"auto"},"store":true,"temperature":0.5}
            """),
        Parse(model, """
            {"model":"@model@","input":"JSON","max_output_tokens":3,"stream":true,
             "text":{"format":{"type":"json_schema","name":"o","schema":{"type":"object","properties":{"a":{"type":"string","pattern":"^a+$"}}}}}}
            """),
    ];

    private static JsonObject Parse(string model, string json) => JsonNode.Parse(json.Replace("@model@", model, StringComparison.Ordinal))!.AsObject();
}
