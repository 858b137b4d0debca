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

const scenarios = { tool_round_trip: toolRoundTrip, tool_stream: toolStream, json_schema: jsonSchema, bad_request: badRequest };
process.stdout.write(JSON.stringify(await scenarios[input.scenario]()));
