using ReasoningServer.Reasoning.Tools;

namespace ReasoningServer.Reasoning.Tests.Tools;

/// <summary>Detection from the lines of real chat templates that say how calls are written (llama.cpp's models/templates).</summary>
public sealed class ToolCallFormatDetectorTests
{
    private const string Qwen3 = """
        {{- "\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n" }}
        {{- '<tool_call>\n{"name": "' }}
        {{- tool_call.name }}
        {{- '", "arguments": ' }}
        """;

    private const string Hermes2Pro = """
        {{- "For each function call return a json object with function name and arguments within <tool_call></tool_call> XML tags as follows:
        " }}
        {{- '{"name": <function-name>, "arguments": <args-dict>}
        ' }}
                {{- '"arguments": ' }}
        """;

    private const string DeepSeekR1Distill = """
        {{'<｜Assistant｜><｜tool▁calls▁begin｜><｜tool▁call▁begin｜>' + tool['type'] + '<｜tool▁sep｜>' + tool['function']['name'] + '\n' + '```json' + '\n' + tool['function']['arguments'] | tojson + '\n' + '```' + '<｜tool▁call▁end｜>'}}
        """;

    private const string DeepSeekV31 = """
        {{'<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>'+ tool['function']['name'] + '<｜tool▁sep｜>' + tool['function']['arguments'] | tojson + '<｜tool▁call▁end｜>'}}
        """;

    private const string Llama31 = """
        {{- "<|start_header_id|>system<|end_header_id|>\n\n" }}
            {{- "Environment: ipython\n" }}
            {{- 'Respond in the format {"name": function name, "parameters": dictionary of argument name and its value}.' }}
                {{- "<|python_tag|>" + tool_call.name + ".call(" }}
        """;

    private const string Llama32WithoutInstruction = """
        {{- "<|start_header_id|>system<|end_header_id|>\n\n" }}
            {{- "Environment: ipython\n" }}
            {{- '"parameters": ' }}
        """;

    private const string Qwen3Coder = """
        {{- '\n<tool_call>\n<function=' + tool_call.name + '>\n' }}
                {{- '<parameter=' + args_name + '>\n' }}
        """;

    private const string Glm = """
        {{- '<tool_call>' + tc.name -}}
        {% for k, v in _args.items() %}<arg_key>{{ k }}</arg_key><arg_value>{{ v }}</arg_value>{% endfor %}
        """;

    private const string Functionary31 = """
        {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' -}}
        <function=example_function_name>{"example_name": "example_value"}</function>
        {{ '<|python_tag|>' + tool_call['function']['arguments'] | tojson }} "parameters" ipython
        """;

    private const string ChatMl = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>'}}{% endfor %}";

    [Theory]
    [InlineData(Qwen3, ToolCallFamily.Hermes)]
    [InlineData(Hermes2Pro, ToolCallFamily.Hermes)]
    [InlineData(DeepSeekR1Distill, ToolCallFamily.DeepSeekR1)]
    [InlineData(DeepSeekV31, ToolCallFamily.DeepSeekV31)]
    [InlineData(Llama31, ToolCallFamily.Llama3Json)]
    [InlineData(Llama32WithoutInstruction, ToolCallFamily.Llama3Json)]
    public void Finds_the_family_a_template_writes_calls_in(string template, ToolCallFamily family) =>
        Assert.Equal(family, ToolCallFormatDetector.Detect(template, _ => false)?.Family);

    [Theory]
    [InlineData(Qwen3Coder)]
    [InlineData(Glm)]
    [InlineData(Functionary31)]
    [InlineData(ChatMl)]
    [InlineData("")]
    [InlineData(null)]
    public void Other_call_shapes_and_templates_without_tools_give_none(string? template) =>
        Assert.Null(ToolCallFormatDetector.Detect(template, _ => false));

    [Fact]
    public void Markers_that_are_single_tokens_become_token_triggers_and_preserved_tokens()
    {
        var withTokens = ToolCallFormatDetector.Detect(Qwen3, t => t is "<tool_call>" or "</tool_call>")!;
        Assert.Equal([new ToolCallTrigger(ToolCallTriggerKind.Token, "<tool_call>")], withTokens.Triggers);
        Assert.Equal(["<tool_call>", "</tool_call>"], withTokens.PreservedTokens);

        var asText = ToolCallFormatDetector.Detect(Qwen3, _ => false)!;
        Assert.Equal([new ToolCallTrigger(ToolCallTriggerKind.Word, "<tool_call>")], asText.Triggers);
        Assert.Empty(asText.PreservedTokens);
    }

    [Fact]
    public void Llama_is_triggered_by_a_pattern_at_the_start_of_the_answer()
    {
        var format = ToolCallFormatDetector.Detect(Llama31, _ => true)!;
        var trigger = Assert.Single(format.Triggers);
        Assert.Equal(ToolCallTriggerKind.PatternFull, trigger.Kind);
        var match = System.Text.RegularExpressions.Regex.Match(" <|python_tag|>{\"name\": \"get_time\", \"parameters\": {}}", $"^(?:{trigger.Value})$");
        Assert.True(match.Success);
        Assert.Equal(15, match.Groups[1].Index); // the grammar takes over at the opening brace
        Assert.DoesNotMatch($"^(?:{trigger.Value})$", "The answer is {\"name\": \"x\"}");
        Assert.True(format.CallsOnlyAtAnswerStart);
        Assert.False(format.ParallelCalls);
    }
}
