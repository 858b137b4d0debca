// The chat playground: settings on the left, the conversation on the right. Answers stream with their thinking
// shown live in a collapsible section; Stop aborts the fetch, which closes the connection, and the server then
// cancels the sequence on the engine (and bills it as cancelled).

import { streamChat } from './api.js';
import { clear, h } from './dom.js';
import { renderMarkdown } from './markdown.js';
import * as fmt from './format.js';

const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];
const SUGGESTIONS = ['What is 48213 + 9377?', 'What is 517 + 2486?', 'What is 99999 + 1?'];

export function createChatView(root, app) {
  const state = {
    history: [], // {role, content} as sent back to the server (reasoning is never resent)
    running: null, // the AbortController of the request in flight
  };

  // ---- settings ----
  const model = h('select', { 'data-testid': 'model-select' });
  const modeEffort = h('button', { type: 'button', 'aria-pressed': 'true', 'data-testid': 'mode-effort' }, 'Effort');
  const modeBudget = h('button', { type: 'button', 'aria-pressed': 'false', 'data-testid': 'mode-budget' }, 'Budget');
  const effort = h('select', { 'data-testid': 'effort-select' }, EFFORTS.map((e) => h('option', { value: e, selected: e === 'medium' }, e)));
  const budget = h('input', { type: 'number', min: 0, step: 64, value: 512, 'data-testid': 'budget-input' });
  const effortField = h('label', { class: 'field' }, h('span', null, 'Reasoning effort'), effort);
  const budgetField = h('label', { class: 'field', hidden: true }, h('span', null, 'Thinking budget (tokens)'), budget);
  const minThinking = h('input', { type: 'number', min: 0, step: 1, placeholder: 'none', 'data-testid': 'min-thinking-input' });

  const temperature = h('input', { type: 'number', min: 0, max: 2, step: 0.1, placeholder: 'default', 'data-testid': 'temperature-input' });
  const maxTokens = h('input', { type: 'number', min: 1, step: 1, placeholder: 'default', 'data-testid': 'max-tokens-input' });
  const seed = h('input', { type: 'number', step: 1, placeholder: 'random', 'data-testid': 'seed-input' });
  const extra = h('textarea', { rows: 2, spellcheck: 'false', placeholder: '{"top_k": 40}', 'data-testid': 'extra-json-input' });

  const testTime = h('input', { type: 'checkbox', 'data-testid': 'test-time-toggle' });
  const samples = h('input', { type: 'number', min: 1, max: 32, value: 8, 'data-testid': 'samples-input' });
  const strategy = h('select', { 'data-testid': 'strategy-select' },
    h('option', { value: 'self_consistency' }, 'Self-consistency (vote)'), h('option', { value: 'best_of_n' }, 'Best-of-N (score)'));
  const earlyStop = h('input', { type: 'checkbox', checked: true, 'data-testid': 'early-stop-toggle' });
  const testTimeFields = h('div', { class: 'section-body', hidden: true },
    h('div', { class: 'row' },
      h('label', { class: 'field' }, h('span', null, 'Samples'), samples),
      h('label', { class: 'field' }, h('span', null, 'Strategy'), strategy)),
    h('label', { class: 'check' }, earlyStop, 'Stop early once the vote is decided'));

  function setMode(budgetMode) {
    modeEffort.setAttribute('aria-pressed', String(!budgetMode));
    modeBudget.setAttribute('aria-pressed', String(budgetMode));
    effortField.hidden = budgetMode;
    budgetField.hidden = !budgetMode;
  }
  modeEffort.addEventListener('click', () => setMode(false));
  modeBudget.addEventListener('click', () => setMode(true));
  testTime.addEventListener('change', () => { testTimeFields.hidden = !testTime.checked; });
  strategy.addEventListener('change', () => { earlyStop.disabled = strategy.value !== 'self_consistency'; });

  const newChat = h('button', { type: 'button', class: 'btn', 'data-testid': 'new-chat' }, 'New chat');
  newChat.addEventListener('click', () => {
    if (state.running) return;
    state.history = [];
    showEmpty();
  });

  const settings = h('aside', { class: 'settings', 'aria-label': 'Settings' },
    h('section', null, h('h3', null, 'Model'), model, newChat),
    h('section', null,
      h('h3', null, 'Reasoning'),
      h('div', { class: 'segmented' }, modeEffort, modeBudget),
      effortField, budgetField,
      h('label', { class: 'field' }, h('span', null, 'Minimum thinking (tokens)'), minThinking),
      h('p', { class: 'note' }, 'Effort picks a budget from the server\'s table; a budget sets it exactly. Thinking stops at the budget; '
        + 'below the minimum an early end of thinking is replaced by "Wait,".')),
    h('section', null,
      h('label', { class: 'switch' }, 'Test-time compute', testTime),
      h('p', { class: 'note' }, 'Several samples in one batch (the prompt evaluated once), then a vote or the best score.'),
      testTimeFields),
    h('section', null,
      h('h3', null, 'Sampling'),
      h('div', { class: 'row' },
        h('label', { class: 'field' }, h('span', null, 'Temperature'), temperature),
        h('label', { class: 'field' }, h('span', null, 'Seed'), seed)),
      h('label', { class: 'field' }, h('span', null, 'Max completion tokens'), maxTokens),
      h('label', { class: 'field' }, h('span', null, 'Extra request fields (JSON)'), extra),
      h('p', { class: 'note' }, 'Merged into each request as it is sent, for any other field the server takes (logit_bias, top_k, stop, …).')));

  // ---- conversation ----
  const list = h('div', { class: 'messages-inner', 'data-testid': 'messages' });
  const scroller = h('div', { class: 'messages' }, list);
  const input = h('textarea', { rows: 1, placeholder: 'Ask something…  (Enter to send, Shift+Enter for a new line)', 'data-testid': 'prompt-input' });
  const send = h('button', { type: 'button', class: 'btn primary', 'data-testid': 'send' }, 'Send');
  const stop = h('button', { type: 'button', class: 'btn danger', hidden: true, 'data-testid': 'stop' }, 'Stop');
  const footNote = h('span', null, '');
  const composer = h('div', { class: 'composer' },
    h('div', { class: 'composer-inner' }, input, send, stop),
    h('div', { class: 'composer-foot' }, footNote, h('span', null, 'Thinking is streamed as reasoning_content; it is not sent back in later turns.')));

  root.append(h('div', { class: 'chat' }, settings, h('div', { class: 'conversation' }, scroller, composer)));

  input.addEventListener('input', autosize);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  send.addEventListener('click', submit);
  stop.addEventListener('click', () => state.running?.abort());

  function autosize() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(200, input.scrollHeight)}px`;
  }

  function showEmpty() {
    clear(list).append(h('div', { class: 'empty-state', 'data-testid': 'empty-state' },
      h('h2', null, 'Ask the model'),
      h('p', null, 'Answers stream with the model\'s thinking shown live. The default tiny reasoner adds numbers with a written chain of thought.'),
      h('div', { class: 'suggestions' }, SUGGESTIONS.map((text) => {
        const chip = h('button', { type: 'button' }, text);
        chip.addEventListener('click', () => { input.value = text; autosize(); input.focus(); });
        return chip;
      }))));
  }

  function scrollToEnd() {
    scroller.scrollTop = scroller.scrollHeight;
  }

  function requestBody(messages) {
    const body = {
      model: model.value,
      messages,
      stream: true,
      stream_options: { include_usage: true },
      reasoning_format: 'reasoning_content',
    };
    const reasoning = {};
    if (modeBudget.getAttribute('aria-pressed') === 'true') reasoning.max_tokens = Number(budget.value || 0);
    else body.reasoning_effort = effort.value;
    if (minThinking.value !== '') reasoning.min_tokens = Number(minThinking.value);
    if (Object.keys(reasoning).length) body.reasoning = reasoning;
    if (temperature.value !== '') body.temperature = Number(temperature.value);
    if (maxTokens.value !== '') body.max_completion_tokens = Number(maxTokens.value);
    if (seed.value !== '') body.seed = Number(seed.value);
    if (testTime.checked) {
      body.test_time = { strategy: strategy.value, samples: Number(samples.value || 1) };
      if (strategy.value === 'self_consistency') body.test_time.early_stop = earlyStop.checked;
    }
    if (extra.value.trim()) Object.assign(body, JSON.parse(extra.value));
    return body;
  }

  async function submit() {
    const text = input.value.trim();
    if (!text || state.running || !model.value) return;
    let body;
    try {
      body = requestBody([...state.history, { role: 'user', content: text }]);
    } catch (error) {
      footNote.textContent = `Extra request fields: ${error.message}`;
      return;
    }
    if (list.querySelector('[data-testid="empty-state"]')) clear(list);
    input.value = '';
    autosize();
    list.append(userMessage(text));
    const messages = [...state.history, { role: 'user', content: text }];
    const view = assistantMessage();
    list.append(view.root);
    scrollToEnd();

    const controller = new AbortController();
    state.running = controller;
    send.hidden = true;
    stop.hidden = false;
    footNote.textContent = '';
    let answer = '';
    try {
      await streamChat(body, { signal: controller.signal, onEvent: (event) => { answer = view.handle(event); scrollToEnd(); } });
      view.finish();
    } catch (error) {
      if (controller.signal.aborted) view.stopped();
      else view.failed(error.message);
    } finally {
      state.running = null;
      send.hidden = false;
      stop.hidden = true;
      input.focus();
    }
    state.history = [...messages, ...(answer ? [{ role: 'assistant', content: answer }] : [])];
    if (!answer) state.history = messages.slice(0, -1); // a turn without an answer is not kept
    scrollToEnd();
  }

  function userMessage(text) {
    return h('div', { class: 'msg user', 'data-testid': 'user-message' },
      h('div', { class: 'avatar' }, 'You'), h('div', { class: 'msg-body' }, h('div', { class: 'bubble' }, text)));
  }

  /** One assistant turn as it streams: the thinking section, the answer, votes, then the usage line. */
  function assistantMessage() {
    // Thinking time runs from the request (prompt and queueing included, as the user waits) to the answer's first
    // token; test-time samples think in parallel and arrive as one chunk, so only this clock sees their time.
    const requested = performance.now();
    let reasoning = '';
    let content = '';
    let thinkingSeen = false;
    let thinkingEnded = null;
    let usage = null;
    let report = null;
    let finishReason = null;
    let samplesFinished = 0;
    let renderQueued = false;

    const spark = h('i', { class: 'spark' });
    const summaryText = h('span', { 'data-testid': 'thinking-summary' }, 'Thinking…');
    const thinkingText = h('pre', { class: 'thinking-text', 'data-testid': 'thinking-text' });
    const thinking = h('details', { class: 'thinking live', open: true, hidden: true, 'data-testid': 'thinking' },
      h('summary', null, spark, summaryText), thinkingText);
    const answerView = h('div', { class: 'answer cursor', 'data-testid': 'answer' });
    const progress = h('div', { class: 'progress-line', hidden: true, 'data-testid': 'test-time-progress' });
    const extras = h('div');
    const meta = h('div', { class: 'meta', 'data-testid': 'usage' });
    const messageRoot = h('div', { class: 'msg assistant', 'data-testid': 'assistant-message' },
      h('div', { class: 'avatar' }, 'AI'), h('div', { class: 'msg-body' }, thinking, progress, h('div', { class: 'bubble' }, answerView), extras, meta));

    const ticker = setInterval(() => {
      if (thinkingSeen && thinkingEnded === null) {
        summaryText.textContent = `Thinking… ${fmt.seconds((performance.now() - requested) / 1000)} s`;
      }
    }, 200);

    function renderAnswer() {
      renderQueued = false;
      answerView.replaceChildren(renderMarkdown(content));
    }

    function endThinking() {
      if (thinkingSeen && thinkingEnded === null) {
        thinkingEnded = performance.now();
        thinking.classList.remove('live');
        summaryText.textContent = `Thought for ${fmt.seconds((thinkingEnded - requested) / 1000)} seconds`;
        thinking.open = false; // collapsed once the answer starts; a click on the summary opens it again
      }
    }

    function thinkingSummary() {
      const chosen = report?.samples?.find((sample) => sample.index === report.winner_index);
      const count = chosen ? chosen.reasoning_tokens : usage?.completion_tokens_details?.reasoning_tokens;
      const secondsText = fmt.seconds(((thinkingEnded ?? performance.now()) - requested) / 1000);
      return count === undefined ? `Thought for ${secondsText} seconds` : `Thought for ${fmt.tokens(count)} tokens / ${secondsText} seconds`;
    }

    function handle(event) {
      if (event.comment !== undefined) {
        const match = /^test_time sample (\d+) finished \((\d+)\/(\d+)\), answer: (.*)$/.exec(event.comment);
        if (match) {
          samplesFinished = Number(match[2]);
          progress.hidden = false;
          progress.textContent = `${samplesFinished} of ${match[3]} samples finished · last answer: ${match[4]}`;
        }
        return content;
      }
      const chunk = event.data;
      if (chunk.error) throw new Error(chunk.error.message);
      if (chunk.usage) usage = chunk.usage;
      if (chunk.test_time) report = chunk.test_time;
      const choice = chunk.choices?.[0];
      if (choice) {
        const delta = choice.delta ?? {};
        if (delta.reasoning_content) {
          thinkingSeen = true;
          thinking.hidden = false;
          reasoning += delta.reasoning_content;
          thinkingText.textContent = reasoning;
          thinkingText.scrollTop = thinkingText.scrollHeight;
        }
        if (delta.content) {
          endThinking();
          content += delta.content;
          if (!renderQueued) { renderQueued = true; requestAnimationFrame(renderAnswer); }
        }
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      return content;
    }

    function finish() {
      clearInterval(ticker);
      endThinking();
      renderAnswer();
      answerView.classList.remove('cursor');
      if (thinkingSeen) summaryText.textContent = thinkingSummary();
      if (report) extras.append(votes(report));
      progress.hidden = true;
      const badges = [];
      if (finishReason === 'length') badges.push(h('span', { class: 'badge warn' }, 'cut at the token limit'));
      meta.replaceChildren(...usageLine(usage, app.pricing()), ...badges);
      messageRoot.dataset.state = 'done';
    }

    function stopped() {
      clearInterval(ticker);
      endThinking();
      renderAnswer();
      answerView.classList.remove('cursor');
      if (thinkingSeen) summaryText.textContent = thinkingSummary();
      meta.replaceChildren(h('span', { class: 'badge warn', 'data-testid': 'stopped-badge' }, 'Stopped'),
        h('span', null, 'The server cancelled the request; the tokens generated so far are billed as cancelled.'));
      messageRoot.dataset.state = 'stopped';
    }

    function failed(message) {
      clearInterval(ticker);
      thinking.classList.remove('live');
      answerView.classList.remove('cursor');
      if (!content) answerView.replaceChildren();
      extras.append(h('div', { class: 'error-box', 'data-testid': 'chat-error' }, message));
      messageRoot.dataset.state = 'failed';
    }

    return { root: messageRoot, handle, finish, stopped, failed };
  }

  function usageLine(usage, pricing) {
    if (!usage) return [h('span', null, 'No usage reported')];
    const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
    const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
    const item = (label, value, testid) => h('span', { 'data-testid': testid, 'data-value': value }, h('b', null, fmt.tokens(value)), ` ${label}`);
    const parts = [
      item('prompt', usage.prompt_tokens, 'usage-prompt'),
      item('cached', cached, 'usage-cached'),
      item('reasoning', reasoning, 'usage-reasoning'),
      item('answer', usage.completion_tokens - reasoning, 'usage-answer'),
    ];
    const price = fmt.cost(pricing, usage);
    if (price !== null) parts.push(h('span', { class: 'cost', 'data-testid': 'usage-cost', 'data-value': price }, fmt.dollars(price)));
    return parts;
  }

  function votes(report) {
    const entries = Object.entries(report.votes ?? {});
    const max = Math.max(1, ...entries.map(([, n]) => n));
    const rows = entries.map(([answer, count]) => {
      const fill = h('span');
      fill.style.width = `${(count / max) * 100}%`;
      return h('div', { class: `vote${answer === report.winner ? ' winner' : ''}`, 'data-answer': answer, 'data-votes': count },
        h('span', { class: 'answer-label', title: answer }, answer), h('div', { class: 'bar' }, fill), h('span', { class: 'count' }, count));
    });
    const label = report.strategy === 'best_of_n' ? 'Best-of-N' : 'Self-consistency';
    return h('div', { class: 'votes', 'data-testid': 'votes' },
      h('div', { class: 'votes-head' },
        h('span', null, `${label}: ${report.samples_run} of ${report.samples_requested} samples run${report.early_stopped ? ', stopped early' : ''}`),
        h('span', null, report.winner === null ? 'no answer extracted' : `agreement ${fmt.percent(report.agreement)}`)),
      rows.length ? rows : h('div', { class: 'progress-line' }, 'No sample gave an answer that could be extracted.'));
  }

  showEmpty();

  return {
    /** Called when the models are known (after the key is accepted). */
    setModels(models) {
      const current = model.value;
      clear(model).append(...models.map((m) => h('option', { value: m.id, selected: m.id === current }, m.id)));
      footNote.textContent = models.length ? '' : 'No model is loaded yet.';
    },
  };
}
