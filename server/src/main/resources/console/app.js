// The Assent developer console: services → entities → factors and challenges, live, plus virtual push
// devices held by this browser. Every piece of data comes from the public /v2 API with the account
// credentials typed in at sign-in; device requests are signed by the browser-held key.

import { ApiError, Unreachable, apiRequest, basicAuth, entityPath } from './api.js';
import * as devices from './device.js';

const POLL_MS = 1000;
const LISTS_EVERY = 5; // services and entities refresh every 5th tick
const CREDENTIALS_KEY = 'assent.console.credentials';
const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;

const state = {
  creds: null, // {accountSid, authToken}
  services: [],
  serviceSid: null,
  entities: [],
  identity: null,
  entity: null,
  factors: [],
  challenges: [],
  devices: new Map(), // factorSid → browser-held device
  busy: new Set(), // challenge SIDs being answered
  clockOffset: 0, // seconds to add to the local clock for device JWTs (learnt from a 401's Date)
  tick: 0,
  timer: null,
  rendered: {}, // last rendered data per list, to leave unchanged DOM alone
};

const $ = (id) => document.getElementById(id);

/** Builds an element; strings become text nodes (never HTML). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function badge(status) {
  return h('span', { class: `badge ${status}`, 'data-status': status }, status);
}

function short(sid) {
  return sid ? `${sid.slice(0, 6)}…${sid.slice(-4)}` : '';
}

function errorText(e) {
  if (e instanceof ApiError && e.status === 401) return 'The server did not accept the credentials (401).';
  return e && e.message ? e.message : String(e);
}

let toastTimer = null;
function toast(message, kind = 'info') {
  const el = $('toast');
  el.textContent = message;
  el.className = `toast ${kind}`;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, kind === 'error' ? 8000 : 4000);
}

// ---- API calls

function account(method, path, params) {
  return apiRequest(method, path, { auth: basicAuth(state.creds.accountSid, state.creds.authToken), params });
}

/**
 * A request as the device. Like the mobile SDKs, on a 401 it reads the server's Date header, corrects
 * its clock by the difference and retries once.
 */
async function asDevice(device, method, path, params) {
  const attempt = async () => apiRequest(method, path, {
    auth: await devices.deviceAuthorization(device, Math.floor(Date.now() / 1000) + state.clockOffset),
    params,
  });
  try {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401 || Number.isNaN(e.serverDate)) throw e;
      state.clockOffset = Math.round((e.serverDate - Date.now()) / 1000);
      return await attempt();
    }
  } catch (e) {
    if (e instanceof ApiError) e.device = true; // a 401 here is the device's, not the account's
    throw e;
  }
}

// ---- Sign-in

function savedCredentials() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(CREDENTIALS_KEY));
    return saved && saved.accountSid && saved.authToken ? saved : null;
  } catch (e) {
    return null;
  }
}

function showLogin(message) {
  $('app-view').hidden = true;
  $('session').hidden = true;
  $('login-view').hidden = false;
  const error = $('login-error');
  error.textContent = message || '';
  error.hidden = !message;
  (message ? $('auth-token') : $('account-sid')).focus();
}

async function signIn(creds) {
  if (!ACCOUNT_SID.test(creds.accountSid)) {
    throw new Error('The Account SID is AC followed by 32 hexadecimal digits.');
  }
  if (!creds.authToken) {
    throw new Error('Enter the Auth Token.');
  }
  let probe;
  try {
    probe = await apiRequest('GET', '/v2/Services', {
      auth: basicAuth(creds.accountSid, creds.authToken), params: { PageSize: '100' },
    });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      throw new Error('Wrong Account SID or Auth Token: the server answered 401 Unauthorized.');
    }
    if (e instanceof DOMException || e instanceof TypeError) {
      throw new Error('The Account SID and Auth Token may contain only plain (Latin-1) characters.');
    }
    throw e;
  }
  state.creds = creds;
  sessionStorage.setItem(CREDENTIALS_KEY, JSON.stringify(creds));
  state.services = probe.body.services;
  state.devices = devices.supported() ? await devices.devicesOf(creds.accountSid) : new Map();
  $('login-view').hidden = true;
  $('app-view').hidden = false;
  $('session').hidden = false;
  $('session-account').textContent = creds.accountSid;
  $('auth-token').value = '';
  restoreSelection();
  renderServices();
  await Promise.all([refreshEntities(), refreshEntity()]);
  renderAll();
  schedule();
}

function signOut(message) {
  clearTimeout(state.timer);
  state.timer = null;
  state.creds = null;
  sessionStorage.removeItem(CREDENTIALS_KEY);
  Object.assign(state, { services: [], serviceSid: null, entities: [], identity: null, entity: null, factors: [], challenges: [] });
  state.rendered = {};
  history.replaceState(null, '', location.pathname);
  showLogin(message);
}

// ---- Selection (kept in the URL fragment: #VA…/identity)

function restoreSelection() {
  const [serviceSid, identity] = decodeURIComponent(location.hash.slice(1)).split('/');
  state.serviceSid = state.services.some((s) => s.sid === serviceSid) ? serviceSid : null;
  state.identity = state.serviceSid && identity ? identity : null;
}

function rememberSelection() {
  const hash = state.serviceSid ? `#${state.serviceSid}${state.identity ? '/' + encodeURIComponent(state.identity) : ''}` : '';
  history.replaceState(null, '', location.pathname + hash);
}

async function selectService(sid) {
  if (state.serviceSid === sid) return;
  Object.assign(state, { serviceSid: sid, identity: null, entity: null, entities: [], factors: [], challenges: [] });
  rememberSelection();
  renderAll();
  await refreshEntities();
  renderAll();
}

async function selectEntity(identity) {
  Object.assign(state, { identity, entity: null, factors: [], challenges: [] });
  $('device-identity').value = identity;
  rememberSelection();
  renderAll();
  await refreshEntity();
  renderAll();
}

// ---- Loading

async function refreshServices() {
  state.services = (await account('GET', '/v2/Services', { PageSize: '100' })).body.services;
  if (state.serviceSid && !state.services.some((s) => s.sid === state.serviceSid)) {
    Object.assign(state, { serviceSid: null, identity: null, entity: null, entities: [], factors: [], challenges: [] });
    rememberSelection();
  }
}

async function refreshEntities() {
  const sid = state.serviceSid;
  if (!sid) return;
  const list = (await account('GET', `/v2/Services/${sid}/Entities`, { PageSize: '100' })).body.entities;
  if (state.serviceSid === sid) state.entities = list;
}

/** The selected entity with its factors and its newest challenges. */
async function refreshEntity() {
  const sid = state.serviceSid;
  const identity = state.identity;
  if (!sid || !identity) return;
  const path = entityPath(sid, identity);
  let entity;
  try {
    entity = (await account('GET', path)).body;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      if (state.serviceSid === sid && state.identity === identity) Object.assign(state, { entity: null, factors: [], challenges: [] });
      return;
    }
    throw e;
  }
  const [factors, challenges] = await Promise.all([
    account('GET', `${path}/Factors`, { PageSize: '100' }),
    account('GET', `${path}/Challenges`, { PageSize: '25', Order: 'desc' }),
  ]);
  if (state.serviceSid === sid && state.identity === identity) {
    state.entity = entity;
    state.factors = factors.body.factors;
    state.challenges = challenges.body.challenges;
  }
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(tick, POLL_MS);
}

async function tick() {
  if (!state.creds) return;
  try {
    if (document.visibilityState !== 'hidden') {
      state.tick++;
      if (state.tick % LISTS_EVERY === 0) {
        await refreshServices();
        await refreshEntities();
      }
      await refreshEntity();
      renderAll();
    }
    setConnection(true);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      signOut('The server no longer accepts these credentials (401). Sign in again.');
      return;
    }
    setConnection(false, errorText(e));
  }
  updateCountdowns();
  if (state.creds) schedule();
}

function setConnection(ok, message) {
  const el = $('connection');
  el.className = `connection ${ok ? 'ok' : 'down'}`;
  el.textContent = ok ? 'live' : 'offline';
  el.title = ok ? 'Live updates every second' : message;
}

// ---- Rendering

/** Replaces a list's content only when what it shows changed, so nothing flickers or goes stale. */
function renderList(id, key, build) {
  const fingerprint = JSON.stringify(key);
  if (state.rendered[id] === fingerprint) return;
  state.rendered[id] = fingerprint;
  $(id).replaceChildren(...build());
}

function renderAll() {
  renderServices();
  renderEntities();
  renderEntity();
}

function renderServices() {
  renderList('services', [state.services, state.serviceSid], () => {
    if (state.services.length === 0) return [h('li', { class: 'hint' }, 'No services yet: create one below.')];
    return state.services.map((s) => h('li', {},
      h('button', {
        type: 'button', class: s.sid === state.serviceSid ? 'item selected' : 'item', 'data-sid': s.sid,
        onclick: () => selectService(s.sid).catch(report),
      }, h('span', { class: 'name' }, s.friendly_name), h('code', { class: 'sid' }, s.sid))));
  });
}

function renderEntities() {
  const hasService = Boolean(state.serviceSid);
  $('entities-hint').hidden = hasService && state.entities.length > 0;
  $('entities-hint').textContent = hasService ? 'No entities yet: add a browser device to create one.' : 'Pick a service.';
  $('add-device-form').hidden = !hasService;
  renderList('entities', [state.entities, state.identity], () => state.entities.map((e) => h('li', {},
    h('button', {
      type: 'button', class: e.identity === state.identity ? 'item selected' : 'item', 'data-identity': e.identity,
      onclick: () => selectEntity(e.identity).catch(report),
    }, h('span', { class: 'name' }, e.identity), h('code', { class: 'sid' }, e.sid)))));
}

function renderEntity() {
  const shown = Boolean(state.identity);
  $('detail-empty').hidden = shown;
  $('detail-body').hidden = !shown;
  if (!shown) return;
  $('entity-title').textContent = state.identity;
  $('entity-sid').textContent = state.entity ? state.entity.sid : 'no such entity (yet)';
  const held = [...state.devices.keys()];
  renderList('factors', [state.factors, held], () => {
    if (state.factors.length === 0) return [h('tr', {}, h('td', { colspan: 6, class: 'hint' }, 'No factors.'))];
    return state.factors.map(factorRow);
  });
  renderList('challenges', [state.challenges, held, [...state.busy]], () => {
    if (state.challenges.length === 0) {
      return [h('tr', {}, h('td', { colspan: 6, class: 'hint' }, 'No challenges yet. Create one from your backend (or with "Send test challenge") and it appears here.'))];
    }
    return state.challenges.map(challengeRow);
  });
  updateCountdowns();
}

function factorRow(f) {
  const device = state.devices.get(f.sid);
  const actions = [];
  if (f.factor_type === 'push' && f.status === 'verified') {
    actions.push(h('button', { type: 'button', class: 'small', onclick: () => sendTestChallenge(f).catch(report) }, 'Send test challenge'));
  }
  if (device) {
    actions.push(h('button', { type: 'button', class: 'small danger', onclick: () => removeDevice(device).catch(report) }, 'Delete'));
  }
  return h('tr', { 'data-factor-sid': f.sid, 'data-browser': device ? 'true' : 'false' },
    h('td', {}, f.friendly_name),
    h('td', {}, f.factor_type),
    h('td', {}, badge(f.status)),
    h('td', {}, device ? h('span', { class: 'tag', title: 'Private key held by this browser (IndexedDB, not extractable)' }, 'this browser') : '—'),
    h('td', {}, h('code', { class: 'sid', title: f.sid }, f.sid)),
    h('td', { class: 'actions' }, actions));
}

function challengeRow(c) {
  const device = state.devices.get(c.factor_sid);
  const details = c.details || {};
  const fields = Array.isArray(details.fields) ? details.fields : [];
  const busy = state.busy.has(c.sid);
  let actions;
  if (c.status === 'pending' && device) {
    actions = [
      h('button', { type: 'button', class: 'small approve', disabled: busy, onclick: () => answer(c, 'approved') }, 'Approve'),
      h('button', { type: 'button', class: 'small deny', disabled: busy, onclick: () => answer(c, 'denied') }, 'Deny'),
    ];
  } else if (c.status === 'pending') {
    actions = [h('span', { class: 'hint' }, c.factor_type === 'push' ? 'awaiting its device' : 'awaiting a code')];
  } else {
    actions = [h('span', { class: 'hint' }, c.date_responded ? `answered ${time(c.date_responded)}` : '')];
  }
  return h('tr', { 'data-challenge-sid': c.sid, 'data-status': c.status },
    h('td', {}, badge(c.status)),
    h('td', { class: 'message' },
      h('div', {}, details.message || h('span', { class: 'hint' }, '(no message)')),
      fields.length ? h('dl', { class: 'fields' }, fields.map((f) => [h('dt', {}, f.label), h('dd', {}, f.value)])) : null,
      h('code', { class: 'sid' }, c.sid)),
    h('td', {}, h('code', { class: 'sid', title: c.factor_sid }, short(c.factor_sid)), h('div', { class: 'hint' }, c.factor_type)),
    h('td', {}, time(c.date_created)),
    h('td', {}, h('div', {}, time(c.expiration_date)),
      c.status === 'pending' ? h('div', { class: 'countdown', 'data-expires': c.expiration_date }) : null),
    h('td', { class: 'actions' }, actions));
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}

function updateCountdowns() {
  for (const el of document.querySelectorAll('[data-expires]')) {
    const left = Math.round((Date.parse(el.dataset.expires) - Date.now()) / 1000);
    el.textContent = left > 0 ? `in ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` : 'now';
  }
}

function report(e) {
  if (e instanceof ApiError && e.status === 401 && !e.device) {
    signOut('The server no longer accepts these credentials (401). Sign in again.');
    return;
  }
  toast(errorText(e), 'error');
}

// ---- Actions

async function createService(name) {
  const created = (await account('POST', '/v2/Services', { FriendlyName: name })).body;
  await refreshServices();
  await selectService(created.sid);
  toast(`Created service ${created.friendly_name}`);
}

/**
 * Enrolls a browser device as the mobile SDKs do, except that the backend's job (creating the factor
 * with account credentials) is done here too: key pair → factor → proof signed by the device.
 */
async function addDevice(identity, friendlyName) {
  if (!devices.supported()) {
    throw new Error(`Browser devices need WebCrypto, which this page only has in a secure context (https:// or http://localhost); it is at ${location.origin}.`);
  }
  if (!identity) {
    throw new Error('Enter the identity of the user the device belongs to, e.g. user-0001.');
  }
  const status = $('add-device-status');
  const serviceSid = state.serviceSid;
  const path = entityPath(serviceSid, identity);
  status.textContent = 'Generating a P-256 key in this browser…';
  const keys = await devices.generateKeys();
  status.textContent = 'Creating the push factor…';
  const factor = (await account('POST', `${path}/Factors`, {
    FriendlyName: friendlyName,
    FactorType: 'push',
    'Binding.Alg': 'ES256',
    'Binding.PublicKey': await devices.publicKeyBinding(keys.publicKey),
    'Config.AppId': 'assent-console',
    'Config.NotificationPlatform': 'none',
    'Config.SdkVersion': 'assent-console/0.1',
  })).body;
  const device = {
    factorSid: factor.sid,
    credentialSid: factor.config.credential_sid,
    accountSid: factor.account_sid,
    serviceSid,
    identity,
    friendlyName,
    created: new Date().toISOString(),
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
  };
  await devices.saveDevice(device);
  state.devices.set(device.factorSid, device);
  status.textContent = 'Verifying the factor as the device…';
  const verified = (await asDevice(device, 'POST', `${path}/Factors/${factor.sid}`, { AuthPayload: await devices.factorProof(device) })).body;
  if (verified.status !== 'verified') {
    throw new Error(`The factor is still ${verified.status}: the server did not accept the device's proof.`);
  }
  status.textContent = '';
  await refreshEntities();
  await selectEntity(identity);
  toast(`Added ${friendlyName}: push factor ${factor.sid} is verified`, 'ok');
}

async function answer(challenge, status) {
  const device = state.devices.get(challenge.factor_sid);
  const path = `${entityPath(state.serviceSid, state.identity)}/Challenges/${challenge.sid}`;
  state.busy.add(challenge.sid);
  renderEntity();
  try {
    // As the SDK: fetch the challenge fresh, sign the fields the server names, answer, read back.
    const fetched = await asDevice(device, 'GET', path);
    const fields = fetched.headers.get('Twilio-Verify-Signature-Fields');
    if (fetched.body.status !== 'pending' || !fields) {
      throw new Error(`The challenge is ${fetched.body.status}; only a pending one can be answered.`);
    }
    const authPayload = await devices.challengeAnswer(device, fetched.body, fields, status);
    await asDevice(device, 'POST', path, { AuthPayload: authPayload });
    const after = (await asDevice(device, 'GET', path)).body;
    if (after.status !== status) {
      throw new Error(`The challenge is ${after.status} after the answer, not ${status}.`);
    }
    toast(`${status === 'approved' ? 'Approved' : 'Denied'} ${challenge.sid}`, status === 'approved' ? 'ok' : 'info');
  } catch (e) {
    report(e);
  } finally {
    state.busy.delete(challenge.sid);
    await refreshEntity().catch(() => {});
    renderEntity();
  }
}

async function sendTestChallenge(factor) {
  const path = entityPath(state.serviceSid, state.identity);
  const created = (await account('POST', `${path}/Challenges`, {
    FactorSid: factor.sid,
    'Details.Message': 'Test sign-in from the Assent console',
    'Details.Fields': JSON.stringify({ label: 'Sent from', value: 'Assent developer console' }),
  })).body;
  await refreshEntity();
  renderEntity();
  toast(`Created challenge ${created.sid}`);
}

async function removeDevice(device) {
  if (!confirm(`Delete the factor ${device.factorSid} and this browser's key for it?`)) return;
  try {
    await asDevice(device, 'DELETE', `${entityPath(device.serviceSid, device.identity)}/Factors/${device.factorSid}`);
  } catch (e) {
    // A factor already gone (404, or 401 for its unknown credential) only needs its key forgotten.
    if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 401)) throw e;
  }
  await devices.forgetDevice(device.factorSid);
  state.devices.delete(device.factorSid);
  await refreshEntity();
  renderEntity();
  toast(`Deleted ${device.friendlyName}`);
}

// ---- Wiring

function wire() {
  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = $('sign-in');
    button.disabled = true;
    $('login-error').hidden = true;
    try {
      await signIn({ accountSid: $('account-sid').value.trim(), authToken: $('auth-token').value.trim() });
    } catch (e) {
      showLogin(e instanceof Unreachable ? e.message : errorText(e));
    } finally {
      button.disabled = false;
    }
  });
  $('sign-out').addEventListener('click', () => signOut());
  $('new-service-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = $('new-service-name').value.trim();
    if (!name) return;
    createService(name).then(() => { $('new-service-name').value = ''; }).catch(report);
  });
  $('add-device-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const button = $('add-device');
    button.disabled = true;
    addDevice($('device-identity').value.trim(), $('device-name').value.trim() || 'Browser device')
      .catch((e) => {
        $('add-device-status').textContent = '';
        report(e);
      })
      .finally(() => { button.disabled = false; });
  });
}

async function boot() {
  wire();
  const saved = savedCredentials();
  if (!saved) {
    showLogin();
    return;
  }
  try {
    await signIn(saved);
  } catch (e) {
    sessionStorage.removeItem(CREDENTIALS_KEY);
    showLogin(errorText(e));
  }
}

boot();
