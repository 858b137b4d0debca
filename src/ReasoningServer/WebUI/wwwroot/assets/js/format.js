// Numbers, money and times as the UI shows them (en-US, fixed so screenshots and tests read the same everywhere).

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export const tokens = (n) => integer.format(n ?? 0);

export const compactNumber = (n) => (Math.abs(n) < 10000 ? integer.format(n) : compact.format(n));

/** Dollars with enough digits that a cost of a few tokens is not shown as $0.00. */
export function dollars(value) {
  const v = Number(value ?? 0);
  if (v === 0) return '$0';
  if (v >= 1) return '$' + v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return '$' + v.toLocaleString('en-US', { maximumSignificantDigits: 3 });
}

export const seconds = (s) => (s < 10 ? s.toFixed(1) : Math.round(s).toString());

export const percent = (ratio) => `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.01 ? 2 : 1)}%`;

export function dateTime(unixSeconds) {
  return new Date(unixSeconds * 1000).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

export function bucketLabel(unixSeconds, width) {
  const date = new Date(unixSeconds * 1000);
  if (width === '1d') return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
  return date.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', hour12: false });
}

/** What a request cost under the model's prices (dollars per million tokens), as the server's ledger computes it. */
export function cost(pricing, usage) {
  if (!pricing || !usage) return null;
  const prompt = usage.prompt_tokens ?? 0;
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  const answer = (usage.completion_tokens ?? 0) - reasoning;
  return ((prompt - cached) * pricing.input + cached * pricing.cached_input + answer * pricing.output
    + reasoning * pricing.reasoning_output) / 1e6;
}
