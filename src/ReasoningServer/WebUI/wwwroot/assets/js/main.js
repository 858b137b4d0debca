// The page's entry point: asks whether a key is needed, takes one from the user if so (session storage only),
// reads who the key is and what the server serves, and switches between the three views by the URL's hash.

import { ApiError, getJson, keyStore } from './api.js';
import { createChatView } from './chat.js';
import { createServerView } from './server.js';
import { createUsageView } from './usage.js';

const dialog = document.getElementById('key-dialog');
const keyInput = document.getElementById('key-input');
const keyError = document.getElementById('key-error');
const chip = document.getElementById('key-chip');
const chipText = document.getElementById('key-chip-text');

let authRequired = false;
let status = null; // the last /v1/status: the caller and the model's prices

const app = {
  caller: () => status?.caller ?? null,
  pricing: () => status?.model?.pricing ?? null,
  askForKey,
};

const views = {
  chat: createChatView(document.getElementById('view-chat'), app),
  usage: createUsageView(document.getElementById('view-usage'), app),
  server: createServerView(document.getElementById('view-server'), app),
};

function currentView() {
  const name = location.hash.slice(1);
  return name in views ? name : 'chat';
}

function route() {
  const name = currentView();
  for (const key of Object.keys(views)) {
    document.getElementById(`view-${key}`).hidden = key !== name;
    document.querySelector(`.tabs a[data-view="${key}"]`).toggleAttribute('aria-current', key === name);
    if (key === name) document.querySelector(`.tabs a[data-view="${key}"]`).setAttribute('aria-current', 'page');
  }
  if (name !== 'server') views.server.hide();
  views[name].show?.();
}

function updateChip() {
  chip.classList.toggle('ok', Boolean(status));
  chip.classList.toggle('missing', authRequired && !status);
  if (!authRequired) chipText.textContent = 'Open server (no key needed)';
  else if (status?.caller?.key_id) chipText.textContent = `${status.caller.name ?? status.caller.key_id}${status.caller.admin ? ' · admin' : ''}`;
  else chipText.textContent = 'Enter API key';
}

function askForKey(message) {
  keyInput.value = '';
  keyError.hidden = !message;
  keyError.textContent = message ?? '';
  if (!dialog.open) dialog.showModal();
  keyInput.focus();
}

/** Reads the caller and the model with the current key; false when the key was refused. */
async function connect() {
  try {
    status = await getJson('/v1/status');
    const models = await getJson('/v1/models');
    views.chat.setModels(models.data);
    document.getElementById('server-model').textContent = status.model ? status.model.id : 'model loading…';
    if (!status.model) setTimeout(connect, 2000);
    return true;
  } catch (error) {
    status = null;
    if (error instanceof ApiError && error.status === 401) return false;
    throw error;
  } finally {
    updateChip();
  }
}

document.getElementById('key-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = keyInput.value.trim();
  if (!key) return;
  keyStore.set(key);
  if (await connect()) {
    dialog.close();
    route();
  } else {
    keyStore.clear();
    askForKey('That key was not accepted by the server.');
  }
});

document.getElementById('key-forget').addEventListener('click', () => {
  keyStore.clear();
  status = null;
  updateChip();
  keyError.hidden = true;
  route();
});

chip.addEventListener('click', () => { if (authRequired) askForKey(); });
window.addEventListener('hashchange', route);

async function start() {
  authRequired = (await getJson('/ui/config')).auth_required;
  if (authRequired && !keyStore.get()) {
    updateChip();
    route();
    askForKey();
    return;
  }
  if (!(await connect())) {
    keyStore.clear();
    askForKey('The key kept for this tab is no longer accepted.');
  }
  route();
}

start();
