namespace ReasoningServer.Engine.Tests.Grammars;

/// <summary>
/// Schemas as OpenAI's structured-outputs guide and real tool definitions write them. <see cref="Documented"/> are
/// the guide's examples as published (unbounded strings and arrays); <see cref="Bounded"/> are the same shapes
/// with small bounds, so a random-weight model finishes them within a token budget.
/// </summary>
internal static class SchemaCorpus
{
    public const string MathReasoning = """
        {"type":"object","properties":{
          "steps":{"type":"array","items":{"type":"object","properties":{
            "explanation":{"type":"string"},"output":{"type":"string"}},
            "required":["explanation","output"],"additionalProperties":false}},
          "final_answer":{"type":"string"}},
         "required":["steps","final_answer"],"additionalProperties":false}
        """;

    public const string UiComponent = """
        {"type":"object","properties":{
          "type":{"type":"string","description":"The type of the UI component","enum":["div","button","header","section","field","form"]},
          "label":{"type":"string","description":"The label of the UI component, used for buttons or form fields"},
          "children":{"type":"array","description":"Nested UI components","items":{"$ref":"#"}},
          "attributes":{"type":"array","description":"Arbitrary attributes for the UI component, suitable for any element",
            "items":{"type":"object","properties":{"name":{"type":"string"},"value":{"type":"string"}},
              "required":["name","value"],"additionalProperties":false}}},
         "required":["type","label","children","attributes"],"additionalProperties":false}
        """;

    public const string LinkedList = """
        {"type":"object","properties":{"linked_list":{"$ref":"#/$defs/linked_list_node"}},
         "$defs":{"linked_list_node":{"type":"object","properties":{
            "value":{"type":"number"},
            "next":{"anyOf":[{"$ref":"#/$defs/linked_list_node"},{"type":"null"}]}},
           "additionalProperties":false,"required":["next","value"]}},
         "additionalProperties":false,"required":["linked_list"]}
        """;

    public const string EventExtraction = """
        {"type":"object","properties":{
          "name":{"type":"string"},"date":{"type":"string","format":"date"},
          "starts_at":{"type":"string","format":"date-time"},"doors":{"type":"string","format":"time"},
          "participants":{"type":"array","items":{"type":"string"}}},
         "required":["name","date","starts_at","doors","participants"],"additionalProperties":false}
        """;

    public const string Moderation = """
        {"type":"object","properties":{
          "is_violating":{"type":"boolean","description":"Indicates if the content is violating guidelines"},
          "category":{"type":["string","null"],"description":"Type of violation, if the content is violating guidelines. Null otherwise.",
            "enum":["violence","sexual","self_harm",null]},
          "explanation_if_violating":{"type":["string","null"],"description":"Explanation of why the content is violating"}},
         "required":["is_violating","category","explanation_if_violating"],"additionalProperties":false}
        """;

    public const string WeatherTool = """
        {"type":"object","properties":{
          "location":{"type":"string","description":"City and country e.g. Bogotá, Colombia"},
          "units":{"type":"string","enum":["celsius","fahrenheit"],"description":"Units the temperature will be returned in."}},
         "required":["location","units"],"additionalProperties":false}
        """;

    public const string AnyOfItem = """
        {"type":"object","properties":{"item":{"anyOf":[
            {"type":"object","description":"The user object to insert into the database","properties":{
               "name":{"type":"string"},"age":{"type":"number"}},"additionalProperties":false,"required":["name","age"]},
            {"type":"object","description":"The address object to insert into the database","properties":{
               "number":{"type":"string"},"street":{"type":"string"},"city":{"type":"string"}},
             "additionalProperties":false,"required":["number","street","city"]}]}},
         "additionalProperties":false,"required":["item"]}
        """;

    public const string DefinitionsAndNesting = """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"Order","type":"object",
         "definitions":{"money":{"type":"object","properties":{"amount":{"type":"integer","minimum":0},"currency":{"const":"EUR"}},
           "required":["amount","currency"],"additionalProperties":false}},
         "properties":{"id":{"type":"string","format":"uuid"},"total":{"$ref":"#/definitions/money"},
           "lines":{"type":"array","minItems":1,"items":{"type":"object","properties":{
              "sku":{"type":"string","pattern":"^[A-Z]{3}-[0-9]{4}$"},"quantity":{"type":"integer","minimum":1,"maximum":99},
              "price":{"$ref":"#/definitions/money"}},"required":["sku","quantity"]}}},
         "required":["id","total","lines"],"additionalProperties":false}
        """;

    /// <summary>Every documented shape, for grammar acceptance by llama.cpp.</summary>
    public static IReadOnlyList<(string Name, string Schema)> Documented { get; } =
    [
        ("math reasoning", MathReasoning),
        ("UI component ($ref #)", UiComponent),
        ("linked list ($defs)", LinkedList),
        ("event extraction (formats)", EventExtraction),
        ("moderation (enum, nullable)", Moderation),
        ("weather tool", WeatherTool),
        ("anyOf item", AnyOfItem),
        ("definitions, nesting, pattern", DefinitionsAndNesting),
    ];

    /// <summary>Shapes with bounds, for generation and validation.</summary>
    public static IReadOnlyList<(string Name, string Schema)> Bounded { get; } =
    [
        ("math reasoning", """
            {"type":"object","properties":{
              "steps":{"type":"array","minItems":1,"maxItems":3,"items":{"type":"object","properties":{
                "explanation":{"type":"string","maxLength":12},"output":{"type":"string","minLength":1,"maxLength":6}},
                "required":["explanation","output"],"additionalProperties":false}},
              "final_answer":{"type":"string","maxLength":10}},
             "required":["steps","final_answer"],"additionalProperties":false}
            """),
        ("UI component ($ref #)", """
            {"type":"object","properties":{
              "type":{"type":"string","enum":["div","button","header","section","field","form"]},
              "label":{"type":"string","maxLength":6},
              "children":{"type":"array","maxItems":1,"items":{"$ref":"#"}},
              "attributes":{"type":"array","maxItems":2,"items":{"type":"object","properties":{
                "name":{"type":"string","maxLength":4},"value":{"type":"string","maxLength":4}},
                "required":["name","value"],"additionalProperties":false}}},
             "required":["type","label","children","attributes"],"additionalProperties":false}
            """),
        ("linked list ($defs)", """
            {"type":"object","properties":{"linked_list":{"$ref":"#/$defs/node"}},
             "$defs":{"node":{"type":"object","properties":{
                "value":{"type":"number"},"next":{"anyOf":[{"$ref":"#/$defs/node"},{"type":"null"}]}},
               "additionalProperties":false,"required":["next","value"]}},
             "additionalProperties":false,"required":["linked_list"]}
            """),
        ("event extraction (formats)", """
            {"type":"object","properties":{
              "name":{"type":"string","maxLength":8},"date":{"type":"string","format":"date"},
              "starts_at":{"type":"string","format":"date-time"},"doors":{"type":"string","format":"time"},
              "participants":{"type":"array","maxItems":2,"items":{"type":"string","format":"email"}},
              "id":{"type":"string","format":"uuid"},"length":{"type":"string","format":"duration"},
              "host":{"type":"string","format":"hostname"},"ip":{"type":"string","format":"ipv4"},
              "ip6":{"type":"string","format":"ipv6"},"link":{"type":"string","format":"uri"}},
             "required":["name","date","starts_at","doors","participants","id","length","host","ip","ip6","link"],
             "additionalProperties":false}
            """),
        ("moderation (enum, nullable)", """
            {"type":"object","properties":{
              "is_violating":{"type":"boolean"},
              "category":{"type":["string","null"],"enum":["violence","sexual","self_harm",null]},
              "explanation_if_violating":{"type":["string","null"],"maxLength":8},
              "severity":{"type":["integer","null"],"minimum":1,"maximum":5}},
             "required":["is_violating","category","explanation_if_violating"],"additionalProperties":false}
            """),
        ("weather tool (optional, additional)", """
            {"type":"object","properties":{
              "location":{"type":"string","maxLength":10},
              "units":{"type":"string","enum":["celsius","fahrenheit"]},
              "days":{"type":"integer","minimum":1,"maximum":14},
              "lat":{"type":"number","minimum":-90,"maximum":90},
              "ratio":{"type":"number","exclusiveMinimum":0,"maximum":1}},
             "required":["location"],
             "additionalProperties":{"type":"string","maxLength":3}}
            """),
        ("anyOf item", """
            {"type":"object","properties":{"item":{"anyOf":[
                {"type":"object","properties":{"name":{"type":"string","maxLength":6},"age":{"type":"integer","minimum":0,"maximum":150}},
                 "additionalProperties":false,"required":["name","age"]},
                {"type":"object","properties":{"number":{"type":"string","maxLength":4},"street":{"type":"string","maxLength":6}},
                 "additionalProperties":false,"required":["number","street"]}]}},
             "additionalProperties":false,"required":["item"]}
            """),
        ("definitions, nesting, pattern", """
            {"type":"object",
             "definitions":{"money":{"type":"object","properties":{"amount":{"type":"integer","minimum":-20,"maximum":2500},"currency":{"const":"EUR"}},
               "required":["amount","currency"],"additionalProperties":false}},
             "properties":{"total":{"$ref":"#/definitions/money"},
               "lines":{"type":"array","minItems":1,"maxItems":3,"items":{"type":"object","properties":{
                  "sku":{"type":"string","pattern":"^[A-Z]{3}-[0-9]{2,4}(-[a-z\"\\\\]+)?$"},
                  "quantity":{"type":"integer","exclusiveMinimum":0,"exclusiveMaximum":100},
                  "tags":{"type":"array","prefixItems":[{"type":"boolean"},{"enum":["a",1,null,{"k":[true]}]}],"items":false}},
                 "required":["sku","quantity"]}}},
             "required":["total","lines"],"additionalProperties":false}
            """),
        ("allOf and oneOf", """
            {"allOf":[
               {"type":"object","properties":{
                  "pet":{"oneOf":[
                     {"type":"object","properties":{"kind":{"const":"cat"},"lives":{"type":"integer","minimum":0,"maximum":9}},
                      "required":["kind","lives"],"additionalProperties":false},
                     {"type":"object","properties":{"kind":{"const":"dog"},"good":{"type":"boolean"}},
                      "required":["kind"],"additionalProperties":false}],
                   "discriminator":{"propertyName":"kind"}},
                  "name":{"type":"string","maxLength":5}},
                "required":["pet"]},
               {"properties":{"name":{"minLength":1}},"required":["name"]}]}
            """),
        ("any value (bounded by tokens)", """
            {"type":"object","properties":{"payload":{},"list":{"type":"array","maxItems":2,"items":true}},"required":["payload","list"],"additionalProperties":false}
            """),
    ];
}
