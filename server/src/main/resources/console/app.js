// The Assent developer console: services → entities → factors and challenges, live, plus virtual push
// devices held by this browser and passkeys made by the browser's own WebAuthn. Every piece of data
// comes from the public /v2 API with the account credentials typed in at sign-in; device requests are
// signed by the browser-held key.

import { ApiError, Unreachable, apiRequest, basicAuth, entityPath } from './api.js';
import * as devices from './device.js';
import * as passkeys from './passkey.js';

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
  settingsFor: null, // the service whose passkey settings fill the settings form
  ceremony: false, // a passkey ceremony is running
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

/** A JSON request with the account credentials: the Passkeys operations. */
function accountJson(method, path, json) {
  return apiRequest(method, path, { auth: basicAuth(state.creds.accountSid, state.creds.authToken), json });
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
  state.settingsFor = null;
  $('ceremony').hidden = true;
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
  $('passkey-identity').value = identity;
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
  renderPasskeys();
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
  renderList('factors', [state.factors, held, state.ceremony], () => {
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
  if (f.factor_type === 'passkeys') {
    if (f.status === 'verified') {
      actions.push(h('button', {
        type: 'button', class: 'small passkey-sign-in', disabled: state.ceremony,
        onclick: () => signInWithPasskey({ identity: f.identity, factor_sid: f.sid }),
      }, 'Sign in with this passkey'));
    }
    actions.push(h('button', { type: 'button', class: 'small danger', onclick: () => deletePasskeyFactor(f).catch(report) }, 'Delete'));
  }
  if (device) {
    actions.push(h('button', { type: 'button', class: 'small danger', onclick: () => removeDevice(device).catch(report) }, 'Delete'));
  }
  return h('tr', { 'data-factor-sid': f.sid, 'data-browser': device ? 'true' : 'false' },
    h('td', {}, f.friendly_name),
    h('td', {}, f.factor_type),
    h('td', {}, badge(f.status)),
    h('td', {}, device ? h('span', { class: 'tag', title: 'Private key held by this browser (IndexedDB, not extractable)' }, 'this browser')
      : f.factor_type === 'passkeys' ? h('span', { class: 'tag', title: 'Relying party of this passkey' }, relyingPartyOf(f.config) || 'passkey') : '—'),
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
    const awaiting = { push: 'awaiting its device', passkeys: 'awaiting a passkey' }[c.factor_type] || 'awaiting a code';
    actions = [h('span', { class: 'hint' }, awaiting)];
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

// ---- Passkeys: the service's settings, and the two ceremonies, each step shown with its JSON

function currentService() {
  return state.services.find((s) => s.sid === state.serviceSid) || null;
}

function relyingPartyOf(settings) {
  return settings && settings.relying_party && settings.relying_party.id ? settings.relying_party.id : null;
}

function originsOf(settings) {
  const origins = settings && settings.relying_party && settings.relying_party.origins;
  return Array.isArray(origins) ? origins : [];
}

/** Null when this page can run passkeys for the service, else what stands in the way. */
function passkeyReadiness(service) {
  const settings = service && service.passkeys;
  const rpId = relyingPartyOf(settings);
  const problem = passkeys.originProblem(location, rpId);
  if (problem) return problem;
  if (!rpId) return 'This service has no passkey settings yet (no relying party).';
  if (!originsOf(settings).includes(location.origin)) {
    return `The service's origins (${originsOf(settings).join(', ') || 'none'}) do not include this console, ${location.origin}.`;
  }
  return null;
}

function renderPasskeys() {
  const service = currentService();
  $('passkeys-card').hidden = !service;
  if (!service) return;
  const problem = passkeyReadiness(service);
  const readiness = $('passkey-readiness');
  readiness.className = `readiness ${problem ? 'bad' : 'ok'}`;
  readiness.textContent = problem || `Ready: relying party ${relyingPartyOf(service.passkeys)}, origin ${location.origin}.`;
  readiness.dataset.ready = problem ? 'false' : 'true';
  const elsewhere = passkeys.localhostAddress(location);
  $('passkey-move').hidden = !elsewhere;
  if (elsewhere) {
    $('passkey-localhost-link').href = elsewhere;
    $('passkey-localhost-link').textContent = elsewhere;
  }
  $('use-console-origin').hidden = !problem || passkeys.isIpAddress(location.hostname) || !window.isSecureContext;
  for (const id of ['create-passkey', 'passkey-sign-in', 'use-console-origin', 'save-passkey-settings']) $(id).disabled = state.ceremony;
  if (state.settingsFor !== service.sid) {
    state.settingsFor = service.sid;
    fillPasskeySettings(service);
  }
}

/** The settings form: the service's values where it has them, this console's where it has none. */
function fillPasskeySettings(service) {
  const settings = service.passkeys || {};
  const rp = settings.relying_party || {};
  $('passkey-rp-id').value = rp.id || (passkeys.isIpAddress(location.hostname) ? 'localhost' : location.hostname);
  $('passkey-rp-name').value = rp.name || service.friendly_name;
  $('passkey-rp-origins').value = (Array.isArray(rp.origins) && rp.origins.length ? rp.origins : [location.origin]).join(',');
  $('passkey-attachment').value = settings.authenticator_attachment || 'any';
  $('passkey-discoverable').value = settings.discoverable_credentials || 'required';
  $('passkey-uv').value = settings.user_verification || 'preferred';
}

/**
 * "Use this console for passkeys": the relying party becomes this page's host and its origin joins the
 * service's origins; attachment, discoverability and user verification keep the service's values, or
 * get any / required / preferred (so that sign-in without an identity works) when it has none.
 */
async function useConsoleForPasskeys() {
  const service = currentService();
  const settings = service.passkeys || {};
  const rpId = relyingPartyOf(settings);
  if (rpId && rpId !== location.hostname
      && !confirm(`The service's relying party is ${rpId}. Passkeys registered for it will stop working if it becomes ${location.hostname}. Change it?`)) {
    return;
  }
  const origins = rpId === location.hostname ? originsOf(settings).filter((o) => o !== location.origin) : [];
  await savePasskeySettings({
    id: location.hostname,
    name: (settings.relying_party && settings.relying_party.name) || service.friendly_name,
    origins: [...origins, location.origin],
    attachment: settings.authenticator_attachment || 'any',
    discoverable: settings.discoverable_credentials || 'required',
    userVerification: settings.user_verification || 'preferred',
  });
}

async function savePasskeySettings(values) {
  const service = currentService();
  const c = ceremony('Passkey settings', `service ${service.friendly_name} (${service.sid})`);
  try {
    const updated = await c.api('Update the service (form-encoded, like every Verify v2 request but the Passkeys ones)',
      'POST', `/v2/Services/${service.sid}`, {
        'Passkeys.RelyingParty.Id': values.id,
        'Passkeys.RelyingParty.Name': values.name,
        'Passkeys.RelyingParty.Origins': values.origins.join(','),
        'Passkeys.AuthenticatorAttachment': values.attachment,
        'Passkeys.DiscoverableCredentials': values.discoverable,
        'Passkeys.UserVerification': values.userVerification,
      }, 'The response carries the settings back in "passkeys".', { form: true });
    state.services = state.services.map((s) => (s.sid === updated.sid ? updated : s));
    state.settingsFor = null;
    c.finish('ok', `Saved: relying party ${relyingPartyOf(updated.passkeys)}, origins ${originsOf(updated.passkeys).join(', ')}`);
    renderAll();
  } catch (e) {
    c.finish('error', e.message);
    throw e;
  }
}

/**
 * The log of one ceremony, shown under the columns: a step per request or browser call, each with what
 * went in and what came out, as JSON.
 */
function ceremony(title, summary) {
  const list = $('ceremony-steps');
  list.replaceChildren();
  $('ceremony-title').textContent = title;
  $('ceremony-summary').textContent = summary;
  const result = $('ceremony-result');
  result.className = 'badge pending';
  result.dataset.status = 'running';
  result.textContent = 'running';
  $('ceremony').hidden = false;
  $('ceremony').dataset.kind = title;
  $('ceremony').scrollIntoView({ block: 'start' });

  const json = (label, value, open = true) => h('details', { open }, h('summary', {}, label),
    h('pre', { class: 'json' }, typeof value === 'string' ? value : JSON.stringify(value, null, 2)));

  function step(name, note) {
    const li = h('li', { 'data-state': 'running', 'data-step': list.children.length + 1 }, h('h4', {}, name), note ? h('p', { class: 'note' }, note) : null);
    list.append(li);
    return {
      input(label, value) { li.append(json(label, value)); },
      output(label, value, state = 'ok') { li.append(json(label, value)); li.dataset.state = state; },
      fail(message) { li.append(h('p', { class: 'failure' }, message)); li.dataset.state = 'error'; },
      done() { li.dataset.state = 'ok'; },
    };
  }

  return {
    step,
    /** One API call as a step: the request line and body, then the status and the answer. */
    async api(name, method, path, body, note, { form = false } = {}) {
      const s = step(name, note);
      s.input(`Request: ${method} ${path}${form ? ' (application/x-www-form-urlencoded)' : ' (application/json)'}`, body);
      try {
        const reply = form ? await account(method, path, body) : await accountJson(method, path, body);
        s.output(`Response: HTTP ${reply.status}`, reply.body);
        return reply.body;
      } catch (e) {
        if (e instanceof ApiError) {
          s.output(`Response: HTTP ${e.status}`, e.body || e.message, 'error');
        } else {
          s.fail(e.message);
        }
        throw e;
      }
    },
    finish(status, message) {
      result.className = `badge ${status === 'ok' ? 'approved' : 'denied'}`;
      result.dataset.status = status;
      result.textContent = status === 'ok' ? 'done' : 'failed';
      $('ceremony-summary').textContent = message;
    },
  };
}

async function runCeremony(work) {
  if (state.ceremony) return;
  state.ceremony = true;
  renderAll();
  try {
    await work();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && !e.device) report(e);
  } finally {
    state.ceremony = false;
    renderAll();
  }
}

/** Registration: Passkeys/Factors → navigator.credentials.create → Passkeys/VerifyFactor. */
function createPasskey(identity, friendlyName) {
  return runCeremony(async () => {
    const service = currentService();
    const c = ceremony('Create a passkey', `for ${identity || '(no identity)'} on ${service.friendly_name}`);
    try {
      if (!identity) throw stepError(c, 'Enter the identity of the user the passkey is for, e.g. user-0001.');
      const factor = await c.api('Backend: create the passkeys factor', 'POST', `/v2/Services/${service.sid}/Passkeys/Factors`,
        { friendly_name: friendlyName, identity },
        'Account credentials, JSON body. The entity is created on first use; "options" (returned only now) is what the browser needs.');

      const create = c.step('Browser: navigator.credentials.create(options)',
        'base64url fields (challenge, user.id, excludeCredentials[].id) decoded to bytes; the authenticator makes a key pair for this relying party.');
      let credential;
      try {
        const options = passkeys.creationOptions(factor.options);
        create.input('PublicKeyCredentialCreationOptions, as handed to WebAuthn', passkeys.printable(options.publicKey));
        credential = await navigator.credentials.create(options);
      } catch (e) {
        throw stepError(c, passkeys.explain(e, 'Creating the passkey'), create, `Factor ${factor.sid} stays unverified.`);
      }
      const registration = passkeys.registrationJSON(credential);
      create.output('The credential, encoded as WebAuthn JSON (binary fields as base64url)', registration);
      create.input('Its clientDataJSON, decoded: what the server checks', passkeys.clientData(registration.response.clientDataJSON));

      const verified = await c.api('Backend: verify the factor', 'POST', `/v2/Services/${service.sid}/Passkeys/VerifyFactor`, registration,
        'The request names no factor: the server finds the pending registration from the challenge inside clientDataJSON.');
      if (verified.status !== 'verified') {
        throw stepError(c, `The factor is ${verified.status}, not verified.`);
      }
      c.finish('ok', `${verified.identity} has a passkey: factor ${verified.sid} is verified.`);
      toast(`Passkey created: factor ${verified.sid} is verified`, 'ok');
      await refreshEntities();
      await selectEntity(verified.identity);
    } catch (e) {
      c.finish('error', e.message);
      throw e;
    }
  });
}

/**
 * Sign-in: Passkeys/Challenges → navigator.credentials.get → Passkeys/ApproveChallenge. With no
 * identity the challenge is discoverable: the browser offers whichever passkey it holds for the service.
 */
function signInWithPasskey(request = {}) {
  return runCeremony(async () => {
    const service = currentService();
    const whom = request.identity ? `as ${request.identity}${request.factor_sid ? ` with ${request.factor_sid}` : ''}` : 'with any passkey for it (discoverable)';
    const c = ceremony('Sign in with a passkey', `to ${service.friendly_name}, ${whom}`);
    try {
      const challenge = await c.api('Backend: create the passkeys challenge', 'POST', `/v2/Services/${service.sid}/Passkeys/Challenges`, request,
        request.identity ? 'Naming the user: the options list the credentials allowed.' : 'An empty body: no user named, so no allowCredentials; the passkey itself says who it is.');

      const get = c.step('Browser: navigator.credentials.get(options)',
        'challenge (and allowCredentials[].id) decoded to bytes; the authenticator signs the challenge with the passkey\'s private key.');
      let credential;
      try {
        const options = passkeys.requestOptions(challenge.options);
        get.input('PublicKeyCredentialRequestOptions, as handed to WebAuthn', passkeys.printable(options.publicKey));
        credential = await navigator.credentials.get(options);
      } catch (e) {
        throw stepError(c, passkeys.explain(e, 'Signing in'), get, `Challenge ${challenge.sid} stays pending.`);
      }
      const assertion = passkeys.assertionJSON(credential);
      get.output('The assertion, encoded as WebAuthn JSON (userHandle = the user.id given at registration)', assertion);
      get.input('Its clientDataJSON, decoded: what the server checks', passkeys.clientData(assertion.response.clientDataJSON));

      const approved = await c.api('Backend: approve the challenge', 'POST', `/v2/Services/${service.sid}/Passkeys/ApproveChallenge`, assertion,
        'The server checks the signature with the stored public key, the origin, the RP id hash, the counter and the challenge (single use).');
      if (approved.status !== 'approved') {
        throw stepError(c, `The challenge is ${approved.status}, not approved.`);
      }
      c.finish('ok', `Signed in as ${approved.identity} (entity ${approved.entity_sid}, factor ${approved.factor_sid}): challenge ${approved.sid} is approved.`);
      toast(`Signed in as ${approved.identity}`, 'ok');
      await refreshEntities();
      await selectEntity(approved.identity);
    } catch (e) {
      c.finish('error', e.message);
      throw e;
    }
  });
}

/** An error that ends a ceremony, logged on its step (a new one when none is given). */
function stepError(c, message, step, consequence) {
  (step || c.step('Stopped')).fail(consequence ? `${message} ${consequence}` : message);
  return new Error(consequence ? `${message} ${consequence}` : message);
}

async function deletePasskeyFactor(factor) {
  if (!confirm(`Delete the passkeys factor ${factor.sid}? (The passkey itself stays in the authenticator, but Assent no longer accepts it.)`)) return;
  await account('DELETE', `${entityPath(state.serviceSid, factor.identity || state.identity)}/Factors/${factor.sid}`);
  await refreshEntity();
  renderEntity();
  toast(`Deleted ${factor.friendly_name}`);
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
  $('passkey-register-form').addEventListener('submit', (event) => {
    event.preventDefault();
    createPasskey($('passkey-identity').value.trim(), $('passkey-name').value.trim() || 'Console passkey');
  });
  $('passkey-sign-in').addEventListener('click', () => signInWithPasskey({}));
  $('use-console-origin').addEventListener('click', () => useConsoleForPasskeys().catch(report));
  $('passkey-settings-form').addEventListener('submit', (event) => {
    event.preventDefault();
    savePasskeySettings({
      id: $('passkey-rp-id').value.trim(),
      name: $('passkey-rp-name').value.trim(),
      origins: $('passkey-rp-origins').value.split(',').map((o) => o.trim()).filter(Boolean),
      attachment: $('passkey-attachment').value,
      discoverable: $('passkey-discoverable').value,
      userVerification: $('passkey-uv').value,
    }).catch(report);
  });
  $('ceremony-close').addEventListener('click', () => { $('ceremony').hidden = true; });
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
