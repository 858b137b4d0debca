// The live server view: /v1/status polled (every two seconds by default) while the view is open. Tokens/s is the change of the
// server's generated-token counter between two polls over the change of the server's clock.

import { getJson } from './api.js';
import { clear, h } from './dom.js';
import { sparkline } from './charts.js';
import * as fmt from './format.js';

const INTERVALS = [500, 1000, 2000, 5000];
const HISTORY_MS = 120_000; // the chart's two minutes

export function createServerView(root, app) {
  let timer = null;
  let previous = null;
  let interval = 2000;
  const rates = [];

  const every = h('select', { 'data-testid': 'poll-interval', 'aria-label': 'Refresh interval' },
    INTERVALS.map((ms) => h('option', { value: ms, selected: ms === interval }, `every ${ms / 1000} s`)));
  every.addEventListener('change', () => {
    interval = Number(every.value);
    rates.length = 0;
    if (timer !== null) {
      clearInterval(timer);
      timer = setInterval(poll, interval);
    }
  });

  const tiles = h('div', { class: 'tiles' });
  const chart = h('div');
  const details = h('div', { class: 'grid-2' });
  const updated = h('p', null, 'Polling /v1/status.');
  root.append(h('div', { class: 'page' }, h('div', { class: 'page-inner' },
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, 'Server'), updated), h('div', { class: 'spacer' }), every),
    tiles,
    h('div', { class: 'card' }, h('h2', null, 'Tokens per second', h('span', { class: 'hint' }, 'generated, all requests, last two minutes')), chart),
    details)));

  function tile(label, value, sub, testid, extra) {
    return h('div', { class: 'card tile', 'data-testid': testid }, h('div', { class: 'label' }, label),
      h('div', { class: 'value', 'data-testid': `${testid}-value` }, value), h('div', { class: 'sub' }, sub), extra);
  }

  function draw(status, rate) {
    const slots = h('div', { class: 'slot-row' },
      Array.from({ length: status.slots.total }, (_, i) => h('i', { class: i < status.slots.busy ? 'busy' : null })));
    const kvFill = h('span');
    kvFill.style.width = `${status.kv_cache.usage * 100}%`;
    tiles.replaceChildren(
      tile('Slots busy', `${status.slots.busy} / ${status.slots.total}`, 'sequences decoding now', 'status-slots', slots),
      tile('Queue depth', fmt.tokens(status.queue_depth), 'requests waiting for a slot', 'status-queue'),
      tile('Tokens / s', rate === null ? '–' : rate.toFixed(rate < 10 ? 1 : 0), `${fmt.compactNumber(status.tokens.generated)} generated since load`, 'status-rate'),
      tile('KV cache', fmt.percent(status.kv_cache.usage), `${fmt.tokens(status.kv_cache.tokens)} of ${fmt.tokens(status.kv_cache.cells)} cells`, 'status-kv',
        h('div', { class: 'meter' }, kvFill)));
    chart.replaceChildren(sparkline({
      values: [0, ...rates].slice(-HISTORY_MS / interval), capacity: HISTORY_MS / interval, testid: 'rate-chart', label: 'Tokens per second',
    }));

    const model = status.model;
    const kv = (pairs) => h('dl', { class: 'kv' }, pairs.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
    details.replaceChildren(
      h('div', { class: 'card' }, h('h2', null, 'Model'), model ? kv([
        ['Id', model.id],
        ['Loaded', fmt.dateTime(model.loaded_at)],
        ['Context window', `${fmt.tokens(model.context_length)} tokens`],
        ['Reasoning format', model.reasoning_format ?? 'none'],
        ['Prices (per 1M tokens)', `in ${fmt.dollars(model.pricing.input)} · cached ${fmt.dollars(model.pricing.cached_input)} · out ${fmt.dollars(model.pricing.output)} · reasoning ${fmt.dollars(model.pricing.reasoning_output)}`],
      ]) : h('p', null, 'The model is still loading.')),
      h('div', { class: 'card' }, h('h2', null, 'Engine counters'), kv([
        ['Sequences admitted', fmt.tokens(status.tokens.sequences)],
        ['Prompt tokens evaluated', fmt.tokens(status.tokens.prompt_evaluated)],
        ['Prompt tokens from cache', fmt.tokens(status.tokens.prompt_cached)],
        ['Tokens generated', fmt.tokens(status.tokens.generated)],
        ['Your key', status.caller.key_id ? `${status.caller.name} (${status.caller.key_id})${status.caller.admin ? ', admin' : ''}` : 'none needed (open server)'],
      ])));
    updated.textContent = `Polling /v1/status · last reading ${new Date(status.time_ms).toLocaleTimeString('en-US', { hour12: false })}`;
    root.dataset.polls = String(Number(root.dataset.polls ?? 0) + 1);
  }

  async function poll() {
    try {
      const status = await getJson('/v1/status');
      let rate = null;
      if (previous && status.time_ms > previous.time_ms) {
        rate = Math.max(0, (status.tokens.generated - previous.tokens.generated) / ((status.time_ms - previous.time_ms) / 1000));
        rates.push(rate);
        if (rates.length > HISTORY_MS / interval) rates.shift();
      }
      previous = status;
      draw(status, rate);
    } catch (error) {
      clear(tiles).append(h('div', { class: 'card error-box' }, `Could not read the status: ${error.message}`));
    }
  }

  return {
    show() {
      if (!app.caller()) {
        clear(tiles).append(h('div', { class: 'card notice' }, h('h2', null, 'An API key is needed'), h('p', null, 'Enter a key to see the server\'s live status.')));
        return;
      }
      poll();
      timer ??= setInterval(poll, interval);
    },
    hide() {
      clearInterval(timer);
      timer = null;
    },
  };
}
