// The usage dashboard (admin keys): tokens over time split into prompt / reasoning / answer, cost per model and
// per key, and the table of keys, all read from the ledger through OpenAI's usage and costs endpoints.

import { getAllBuckets, getJson } from './api.js';
import { clear, h } from './dom.js';
import { horizontalBars, stackedColumns } from './charts.js';
import * as fmt from './format.js';

const RANGES = [
  { id: '1h', label: 'Last hour', seconds: 3600, width: '1m' },
  { id: '24h', label: '24 hours', seconds: 86400, width: '1h' },
  { id: '7d', label: '7 days', seconds: 7 * 86400, width: '1d' },
  { id: '30d', label: '30 days', seconds: 30 * 86400, width: '1d' },
];

const SERIES = [
  { key: 'prompt', label: 'Prompt' },
  { key: 'reasoning', label: 'Reasoning' },
  { key: 'answer', label: 'Answer' },
];

export function createUsageView(root, app) {
  let range = RANGES[0];
  let loading = null;

  const rangeButtons = RANGES.map((r) => {
    const button = h('button', { type: 'button', 'aria-pressed': String(r === range), 'data-range': r.id }, r.label);
    button.addEventListener('click', () => {
      range = r;
      rangeButtons.forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
      load();
    });
    return button;
  });
  const refresh = h('button', { type: 'button', class: 'btn', 'data-testid': 'usage-refresh' }, 'Refresh');
  refresh.addEventListener('click', () => load());
  const updated = h('p', null, 'From the server\'s usage ledger.');
  const body = h('div', { class: 'page-inner-body' });

  root.append(h('div', { class: 'page' }, h('div', { class: 'page-inner' },
    h('div', { class: 'page-head' },
      h('div', null, h('h1', null, 'Usage'), updated),
      h('div', { class: 'spacer' }),
      h('div', { class: 'segmented', 'data-testid': 'usage-range' }, rangeButtons),
      refresh),
    body)));

  function notice(title, text, withKeyButton) {
    const children = [h('h2', null, title), h('p', null, text)];
    if (withKeyButton) {
      const button = h('button', { type: 'button', class: 'btn primary' }, 'Enter an admin key');
      button.addEventListener('click', () => app.askForKey());
      children.push(button);
    }
    clear(body).append(h('div', { class: 'card notice', 'data-testid': 'usage-notice' }, children));
  }

  async function load() {
    const caller = app.caller();
    if (!caller) {
      notice('An API key is needed', 'This server wants a key. Enter an admin key to see the organization\'s usage.', true);
      return;
    }
    if (!caller.admin) {
      notice('This view needs an admin key', `The key in use (${caller.name ?? caller.key_id}) is not an admin key; `
        + 'the organization\'s usage and costs are for admins. The chat shows your own requests\' usage.', true);
      return;
    }
    const ticket = {};
    loading = ticket;
    refresh.disabled = true;
    try {
      const now = Math.floor(Date.now() / 1000);
      const params = { start_time: String(now - range.seconds), bucket_width: range.width };
      const [usage, byModel, byKey, keys] = await Promise.all([
        getAllBuckets('/v1/organization/usage/completions', params),
        getAllBuckets('/v1/organization/costs', { ...params, group_by: 'model' }),
        getAllBuckets('/v1/organization/costs', { ...params, group_by: 'api_key_id' }),
        getJson('/v1/organization/api_keys'),
      ]);
      const usageByKey = await getAllBuckets('/v1/organization/usage/completions', { ...params, group_by: 'api_key_id' });
      if (loading !== ticket) return; // a newer load started meanwhile
      draw(usage, byModel, byKey, usageByKey, keys.data);
      updated.textContent = `From the server's usage ledger · updated ${new Date().toLocaleTimeString('en-US', { hour12: false })}`;
      root.dataset.loaded = 'true';
    } catch (error) {
      notice('Could not read usage', error.message, false);
    } finally {
      refresh.disabled = false;
    }
  }

  function draw(usage, byModel, byKey, usageByKey, keys) {
    const buckets = usage.map((bucket) => {
      const sum = { prompt: 0, reasoning: 0, answer: 0, requests: 0, cached: 0 };
      for (const r of bucket.results) {
        sum.prompt += r.input_tokens;
        sum.cached += r.input_cached_tokens;
        sum.reasoning += r.output_reasoning_tokens ?? 0;
        sum.answer += r.output_tokens - (r.output_reasoning_tokens ?? 0);
        sum.requests += r.num_model_requests;
      }
      return {
        start: bucket.start_time, label: fmt.bucketLabel(bucket.start_time, range.width),
        title: fmt.dateTime(bucket.start_time), values: sum,
      };
    });
    const total = buckets.reduce((t, b) => {
      for (const k of Object.keys(t)) t[k] += b.values[k];
      return t;
    }, { prompt: 0, reasoning: 0, answer: 0, requests: 0, cached: 0 });
    const sumCosts = (buckets, field) => {
      const sums = new Map();
      for (const bucket of buckets) {
        for (const r of bucket.results) sums.set(r[field], (sums.get(r[field]) ?? 0) + Number(r.amount.value));
      }
      return sums;
    };
    const modelCosts = sumCosts(byModel, 'model');
    const keyCosts = sumCosts(byKey, 'api_key_id');
    const totalCost = [...modelCosts.values()].reduce((a, b) => a + b, 0);
    const generated = total.reasoning + total.answer;

    const keyUsage = new Map();
    for (const bucket of usageByKey) {
      for (const r of bucket.results) {
        const entry = keyUsage.get(r.api_key_id) ?? { requests: 0, tokens: 0 };
        entry.requests += r.num_model_requests;
        entry.tokens += r.input_tokens + r.output_tokens;
        keyUsage.set(r.api_key_id, entry);
      }
    }
    const keyNames = new Map(keys.map((k) => [k.id, k.name]));

    const tile = (label, value, sub, testid) => h('div', { class: 'card tile', 'data-testid': testid },
      h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), h('div', { class: 'sub' }, sub));

    clear(body).append(
      h('div', { class: 'tiles' },
        tile('Requests', fmt.tokens(total.requests), range.label.toLowerCase(), 'tile-requests'),
        tile('Tokens', fmt.compactNumber(total.prompt + generated), `${fmt.compactNumber(total.prompt)} prompt · ${fmt.compactNumber(generated)} generated`, 'tile-tokens'),
        tile('Reasoning share', generated ? fmt.percent(total.reasoning / generated) : '–', `${fmt.compactNumber(total.reasoning)} of ${fmt.compactNumber(generated)} generated tokens`, 'tile-reasoning'),
        tile('Cost', fmt.dollars(totalCost), `${fmt.compactNumber(total.cached)} prompt tokens from cache`, 'tile-cost')),
      h('div', { class: 'card' },
        h('h2', null, 'Tokens over time', h('span', { class: 'hint' }, `${range.label}, one column per ${{ '1m': 'minute', '1h': 'hour', '1d': 'day' }[range.width]}`)),
        stackedColumns({ buckets, series: SERIES, testid: 'tokens-chart' })),
      h('div', { class: 'grid-2' },
        h('div', { class: 'card' }, h('h2', null, 'Cost by model'),
          horizontalBars({ testid: 'cost-by-model', items: [...modelCosts].map(([model, value]) => ({ key: model ?? '', label: model ?? '(none)', value, display: fmt.dollars(value) })) })),
        h('div', { class: 'card' }, h('h2', null, 'Cost by key'),
          horizontalBars({
            testid: 'cost-by-key',
            items: [...keyCosts].map(([id, value]) => ({
              key: id ?? '', label: keyNames.get(id) ?? id ?? '(no key)', sublabel: id ?? 'open server', value, display: fmt.dollars(value),
            })),
          }))),
      h('div', { class: 'card' }, h('h2', null, 'API keys', h('span', { class: 'hint' }, 'ids and permissions only: the server keeps no secrets')),
        keyTable(keys, keyUsage, keyCosts)));
  }

  function keyTable(keys, keyUsage, keyCosts) {
    if (keys.length === 0) return h('div', { class: 'chart-empty' }, 'No keys are configured: the server is open to everyone.');
    const limit = (n) => (n === null || n === undefined ? 'default' : fmt.tokens(n));
    return h('table', { class: 'data', 'data-testid': 'keys-table' },
      h('thead', null, h('tr', null,
        h('th', null, 'Name'), h('th', null, 'Id'), h('th', null, 'Role'), h('th', null, 'Models'), h('th', null, 'Limits (rpm / tpm)'),
        h('th', null, 'Source'), h('th', null, 'Status'), h('th', { class: 'num' }, 'Requests'), h('th', { class: 'num' }, 'Tokens'), h('th', { class: 'num' }, 'Cost'))),
      h('tbody', null, keys.map((key) => {
        const used = keyUsage.get(key.id) ?? { requests: 0, tokens: 0 };
        return h('tr', { 'data-key': key.id },
          h('td', null, key.name),
          h('td', null, h('code', null, key.id)),
          h('td', null, key.admin ? h('span', { class: 'badge admin' }, 'admin') : h('span', { class: 'badge' }, 'user')),
          h('td', null, key.models.length ? key.models.join(', ') : 'all'),
          h('td', null, `${limit(key.requests_per_minute)} / ${limit(key.tokens_per_minute)}`),
          h('td', null, key.source === 'ledger' && key.created_at ? `keys verb, ${fmt.dateTime(key.created_at)}` : key.source),
          h('td', null, key.revoked_at ? h('span', { class: 'badge off' }, 'revoked') : h('span', { class: 'badge ok' }, 'active')),
          h('td', { class: 'num' }, fmt.tokens(used.requests)),
          h('td', { class: 'num' }, fmt.tokens(used.tokens)),
          h('td', { class: 'num', 'data-cost': keyCosts.get(key.id) ?? 0 }, fmt.dollars(keyCosts.get(key.id) ?? 0)));
      })));
  }

  return { show: load };
}
