// The official `openai` npm client against our server: what a Node.js user of the server runs. Reads
// {"baseURL", "model", "scenario", ...} on stdin and prints one JSON result; the C# tests assert on it.
import OpenAI from "openai";

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));
const client = new OpenAI({ baseURL: input.baseURL, apiKey: input.apiKey ?? "unused", maxRetries: 0 });

const weather = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city.",
    parameters: input.schema,
  },
};
const forced = { type: "function", function: { name: "get_weather" } };

async function toolRoundTrip() {
  const messages = [{ role: "user", content: "What's the weather in Paris?" }];
  const call = await client.chat.completions.create({
    model: input.model, messages, tools: [weather], tool_choice: forced, seed: 31, max_completion_tokens: 200, reasoning_effort: "none",
  });
  const message = call.choices[0].message;
  messages.push(message); // the response's message object itself, as Node users append it
  messages.push({ role: "tool", tool_call_id: message.tool_calls[0].id, content: "18 degrees and sunny" });
  const answer = await client.chat.completions.create({
    model: input.model, messages, tools: [weather], seed: 32, max_completion_tokens: 16, reasoning_effort: "none",
  });
  return {
    call: { finish_reason: call.choices[0].finish_reason, tool_calls: message.tool_calls, content: message.content, usage: call.usage },
    answer: { finish_reason: answer.choices[0].finish_reason, content: answer.choices[0].message.content, tool_calls: answer.choices[0].message.tool_calls ?? null, usage: answer.usage },
  };
}

async function toolStream() {
  const request = {
    model: input.model, messages: [{ role: "user", content: "Weather in Rome?" }], tools: [weather], tool_choice: forced,
    seed: 33, max_completion_tokens: 200, reasoning_effort: "none",
  };
  // The client's own streaming helper reassembles the deltas into a final completion.
  const stream = client.chat.completions.stream({ ...request, stream: true });
  let argumentDeltas = 0;
  stream.on("tool_calls.function.arguments.delta", () => argumentDeltas++);
  const streamed = await stream.finalChatCompletion();
  const whole = await client.chat.completions.create(request);
  return {
    streamed: { finish_reason: streamed.choices[0].finish_reason, tool_calls: streamed.choices[0].message.tool_calls },
    whole: { finish_reason: whole.choices[0].finish_reason, tool_calls: whole.choices[0].message.tool_calls },
    argument_deltas: argumentDeltas,
  };
}

async function jsonSchema() {
  const outputs = [];
  for (let seed = 0; seed < (input.seeds ?? 10); seed++) {
    const completion = await client.chat.completions.create({
      model: input.model, messages: [{ role: "user", content: "Extract the event." }], seed, max_completion_tokens: 600,
      response_format: { type: "json_schema", json_schema: { name: "event", strict: true, schema: input.schema } },
    });
    outputs.push({ seed, finish_reason: completion.choices[0].finish_reason, content: completion.choices[0].message.content });
  }
  return { outputs };
}

async function badRequest() {
  try {
    await client.chat.completions.create({ model: input.model, messages: [{ role: "user", content: "Hi" }], temprature: 0.5 });
    return { error: null };
  } catch (error) {
    return { error: { status: error.status, type: error.type, param: error.param, code: error.code, message: error.message } };
  }
}

// A random-weight model skips its thinking (~1 response in 60) or answers nothing after it (~1 in 40) now and then,
// and the Responses API has no seed to avoid that: what a thought and an answer look like is shown on the first of a
// few responses that has both (a server that never produces them still fails).
async function firstThatThoughtAndAnswered(attempt, wanted) {
  let result = await attempt();
  for (let tried = 1; tried < 5 && !wanted(result); tried++) result = await attempt();
  return result;
}

// The Responses API: one turn, a stream, a second turn by previous_response_id, a function call round trip, json_schema.
const responsesTool = { type: "function", name: "get_weather", description: "Current weather.", parameters: input.schema, strict: true };

async function responsesBasic() {
  const first = await firstThatThoughtAndAnswered(() =>
    client.responses.create({ model: input.model, input: "What is 12 + 30?", max_output_tokens: 300, reasoning: { summary: "auto" } }),
    (r) => r.output_text && r.output.some((o) => o.type === "reasoning"));
  const second = await client.responses.create({ model: input.model, input: "And 1 + 1?", previous_response_id: first.id, max_output_tokens: 300 });
  const stored = await client.responses.retrieve(first.id);
  const items = [];
  for await (const item of client.responses.inputItems.list(first.id)) items.push(item);
  const deleted = await client.responses.delete(first.id);
  return { first: { id: first.id, status: first.status, output_text: first.output_text, output: first.output, usage: first.usage },
           second: { previous_response_id: second.previous_response_id, usage: second.usage, output_text: second.output_text },
           stored_output_text: stored.output_text, input_items: items, deleted: deleted ?? null };
}

async function responsesStream() {
  return firstThatThoughtAndAnswered(streamOnce, (r) => r.types.includes("response.reasoning_summary_text.delta") && r.text);
}

async function streamOnce() {
  const stream = await client.responses.create({ model: input.model, input: "What is 7 + 8?", stream: true, max_output_tokens: 300, reasoning: { summary: "auto" } });
  const types = [];
  const sequence = [];
  let text = "";
  let completed = null;
  for await (const event of stream) {
    types.push(event.type);
    sequence.push(event.sequence_number);
    if (event.type === "response.output_text.delta") text += event.delta;
    if (event.type === "response.completed") completed = event.response;
  }
  return { types, sequence, text, completed_output_text: completed?.output_text ?? completed?.output?.filter((o) => o.type === "message").map((m) => m.content.map((c) => c.text).join("")).join(""), usage: completed?.usage };
}

async function responsesFunctionCall() {
  const called = await client.responses.create({
    model: input.model, input: "Weather in Paris?", tools: [responsesTool], tool_choice: { type: "function", name: "get_weather" },
    reasoning: { effort: "none" }, max_output_tokens: 200,
  });
  const call = called.output.find((o) => o.type === "function_call");
  const answered = await client.responses.create({
    model: input.model, previous_response_id: called.id, tools: [responsesTool], reasoning: { effort: "none" }, max_output_tokens: 12,
    input: [{ type: "function_call_output", call_id: call.call_id, output: "18 degrees" }],
  });
  return { call, called_usage: called.usage, answered: { output: answered.output, usage: answered.usage, output_text: answered.output_text } };
}

async function responsesJsonSchema() {
  const outputs = [];
  for (let seed = 0; seed < (input.seeds ?? 5); seed++) {
    const response = await client.responses.create({
      model: input.model, input: "Extract the event.", max_output_tokens: 600,
      text: { format: { type: "json_schema", name: "event", schema: input.schema, strict: true } },
    });
    outputs.push(response.output_text);
  }
  return { outputs };
}

const scenarios = {
  responses_basic: responsesBasic, responses_stream: responsesStream, responses_function_call: responsesFunctionCall, responses_json_schema: responsesJsonSchema, tool_round_trip: toolRoundTrip, tool_stream: toolStream, json_schema: jsonSchema, bad_request: badRequest };
process.stdout.write(JSON.stringify(await scenarios[input.scenario]()));
