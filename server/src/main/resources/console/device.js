// A virtual push device held by this browser, speaking the Verify Push mobile SDK protocol
// (docs/push-protocol.md §2–6):
//  - a P-256 key made by WebCrypto with a NON-extractable private key, kept in IndexedDB (a CryptoKey
//    is stored as an opaque object: its bytes can be neither read by script nor sent anywhere);
//  - device JWTs (ES256, kid = the factor's config.credential_sid, sub = the account SID);
//  - the factor proof: standard base64 of the DER ECDSA-SHA256 signature over the factor SID;
//  - challenge answers: a compact ES256 JWS over the signature fields plus "status".

const DB_NAME = 'assent-console';
const STORE = 'devices';
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' };
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' };

/** Whether this page may use WebCrypto: only secure contexts (https, localhost, 127.0.0.1) have it. */
export function supported() {
  return Boolean(window.isSecureContext && window.crypto && window.crypto.subtle && window.indexedDB);
}

// ---- Encodings

const utf8 = new TextEncoder();

export function base64(bytes) {
  let binary = '';
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return btoa(binary);
}

export function base64url(bytes) {
  return base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64urlJson(value) {
  return base64url(utf8.encode(JSON.stringify(value)));
}

/** One DER INTEGER from an unsigned big-endian number: no leading zero bytes, but one 0x00 before a set high bit. */
function derInteger(unsigned) {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) {
    start++;
  }
  const digits = Array.from(unsigned.subarray(start));
  if (digits[0] & 0x80) {
    digits.unshift(0);
  }
  return [0x02, digits.length, ...digits];
}

/**
 * WebCrypto's ECDSA signature is raw r||s (32 + 32 bytes for P-256): the JWS ES256 form already.
 * The factor proof wants DER: SEQUENCE { INTEGER r, INTEGER s }. At most 2 × 35 bytes of content, so
 * every length fits in one byte.
 */
export function rawToDer(raw) {
  if (raw.length !== 64) {
    throw new Error(`expected a 64-byte P-256 signature, got ${raw.length} bytes`);
  }
  const r = derInteger(raw.subarray(0, 32));
  const s = derInteger(raw.subarray(32));
  return Uint8Array.from([0x30, r.length + s.length, ...r, ...s]);
}

// ---- Keys and signatures

export async function generateKeys() {
  // extractable=false applies to the private key; a public key is always exportable.
  return crypto.subtle.generateKey(ECDSA_P256, false, ['sign', 'verify']);
}

/** Binding.PublicKey: standard base64 of the X.509 SubjectPublicKeyInfo DER. */
export async function publicKeyBinding(publicKey) {
  return base64(new Uint8Array(await crypto.subtle.exportKey('spki', publicKey)));
}

async function signRaw(privateKey, bytes) {
  return new Uint8Array(await crypto.subtle.sign(ECDSA_SHA256, privateKey, bytes));
}

/** Compact JWS: base64url(header).base64url(payload).base64url(raw r||s). */
export async function compactJws(privateKey, header, payload) {
  const signingInput = base64urlJson(header) + '.' + base64urlJson(payload);
  return signingInput + '.' + base64url(await signRaw(privateKey, utf8.encode(signingInput)));
}

/** The Authorization header of a device request: Basic base64("token:" + device JWT). */
export async function deviceAuthorization(device, nowSeconds) {
  const header = { cty: 'twilio-pba;v=1', kid: device.credentialSid, typ: 'JWT', alg: 'ES256' };
  const payload = { sub: device.accountSid, exp: nowSeconds + 600, nbf: nowSeconds };
  return 'Basic ' + btoa('token:' + await compactJws(device.privateKey, header, payload));
}

/** The factor verification AuthPayload: base64 DER ECDSA-SHA256 over the factor SID's UTF-8 bytes. */
export async function factorProof(device) {
  return base64(rawToDer(await signRaw(device.privateKey, utf8.encode(device.factorSid))));
}

/**
 * The challenge answer AuthPayload: the named fields of the challenge body copied unchanged, in
 * header order, then "status"; signed as a compact JWS with header {"typ":"JWT","alg":"ES256"}.
 */
export async function challengeAnswer(device, challenge, signatureFields, status) {
  const payload = {};
  for (const field of signatureFields.split(',')) {
    if (!(field in challenge)) {
      throw new Error(`the challenge has no field "${field}" named in Twilio-Verify-Signature-Fields`);
    }
    payload[field] = challenge[field];
  }
  payload.status = status;
  return compactJws(device.privateKey, { typ: 'JWT', alg: 'ES256' }, payload);
}

// ---- IndexedDB: one record per factor, keyed by factor SID

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'factorSid' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore(mode, action) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Every device this browser holds for the account, as a Map factorSid → record. */
export async function devicesOf(accountSid) {
  const all = await inStore('readonly', (store) => store.getAll());
  return new Map(all.filter((d) => d.accountSid === accountSid).map((d) => [d.factorSid, d]));
}

/**
 * Record: {factorSid, credentialSid, accountSid, serviceSid, identity, friendlyName, created,
 * privateKey, publicKey}; the keys are CryptoKey objects.
 */
export function saveDevice(record) {
  return inStore('readwrite', (store) => store.put(record));
}

export function forgetDevice(factorSid) {
  return inStore('readwrite', (store) => store.delete(factorSid));
}
