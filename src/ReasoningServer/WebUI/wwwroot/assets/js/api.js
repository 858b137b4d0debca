// Talking to the server: the caller's key (session storage only), JSON calls, and chat streams read as SSE
// from fetch (EventSource cannot POST), comments included: test-time compute reports its samples in them.

const KEY_STORAGE = 'reasoningserver.apiKey';

export const keyStore = {
  get: () => sessionStorage.getItem(KEY_STORAGE),
  set: (key) => sessionStorage.setItem(KEY_STORAGE, key),
  clear: () => sessionStorage.removeItem(KEY_STORAGE),
};

/** An error in OpenAI's shape ({error: {message, type, code}}), with the HTTP status. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code ?? null;
  }
}

function headers(extra) {
  const result = { ...extra };
  const key = keyStore.get();
  if (key) result.Authorization = `Bearer ${key}`;
  return result;
}

async function failure(response) {
  let body = null;
  try { body = await response.json(); } catch { /* not JSON */ }
  return new ApiError(response.status, body);
}

export async function getJson(path, { signal } = {}) {
  const response = await fetch(path, { headers: headers({ Accept: 'application/json' }), signal });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** Every bucket of a usage or costs query, following next_page. */
export async function getAllBuckets(path, params) {
  const buckets = [];
  let page = null;
  do {
    const query = new URLSearchParams(params);
    if (page) query.set('page', page);
    const result = await getJson(`${path}?${query}`);
    buckets.push(...result.data);
    page = result.has_more ? result.next_page : null;
  } while (page);
  return buckets;
}

/**
 * POSTs a streaming chat completion and calls onEvent({data}) per JSON chunk and onEvent({comment}) per SSE
 * comment line, until [DONE]. Aborting the signal closes the connection, which cancels the request on the server.
 */
export async function streamChat(body, { signal, onEvent }) {
  const response = await fetch('/v1/chat/completions', {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json', Accept: 'text/event-stream' }),
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += value;
    let end;
    while ((end = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, end).replace(/\r$/, '');
      pending = pending.slice(end + 1);
      if (line.startsWith(':')) onEvent({ comment: line.slice(1).trim() });
      else if (line.startsWith('data:')) {
        const data = line.slice(5).trim();
        if (data === '[DONE]') return;
        onEvent({ data: JSON.parse(data) });
      }
    }
  }
}
