// Passkeys with the browser's own WebAuthn, as a web front end does it: the options JSON Assent returns
// becomes the binary form navigator.credentials.create/get take, and the credential they give back
// becomes the JSON a backend posts to Passkeys/VerifyFactor or Passkeys/ApproveChallenge.
// Pure functions only: no DOM, no network (app.js drives the ceremony).

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * Bytes of a base64url value, as WebAuthn JSON carries them. Standard base64 (`+`, `/`, `=` padding) is
 * accepted too, because some back ends emit it (Twilio's web SDK decodes `challenge` and `user.id` with
 * atob()); both alphabets decode to the same bytes. Anything else is refused rather than guessed.
 */
export function fromBase64url(value, name = 'value') {
  if (typeof value !== 'string' || !BASE64.test(value) || value.replace(/=+$/, '').length % 4 === 1) {
    throw new TypeError(`${name} is not base64url: ${JSON.stringify(value)}`);
  }
  const standard = value.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Unpadded base64url (RFC 4648 §5) of bytes, an ArrayBuffer or a view: what browsers' toJSON() emits. */
export function toBase64url(data) {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function descriptors(list, name) {
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw new TypeError(`${name} is not an array`);
  return list.map((d, i) => ({ ...d, id: fromBase64url(d.id, `${name}[${i}].id`) }));
}

/**
 * `options.publicKey` of Passkeys/Factors (PublicKeyCredentialCreationOptions as JSON) → the argument of
 * navigator.credentials.create(). A lone `pubKeyCredParams` object (as in the spec's example) is read as
 * a one-element list, the form WebAuthn defines.
 */
export function creationOptions(json) {
  const pk = publicKeyOf(json);
  if (!pk.user || !pk.rp) throw new TypeError('the creation options have no rp or user');
  const params = pk.pubKeyCredParams;
  return {
    publicKey: {
      ...pk,
      challenge: fromBase64url(pk.challenge, 'challenge'),
      user: { ...pk.user, id: fromBase64url(pk.user.id, 'user.id') },
      pubKeyCredParams: Array.isArray(params) ? params : params ? [params] : [],
      excludeCredentials: descriptors(pk.excludeCredentials, 'excludeCredentials'),
    },
  };
}

/** `options.publicKey` of Passkeys/Challenges (PublicKeyCredentialRequestOptions) → navigator.credentials.get(). */
export function requestOptions(json) {
  const pk = publicKeyOf(json);
  const request = {
    challenge: fromBase64url(pk.challenge, 'challenge'),
    rpId: pk.rpId !== undefined ? pk.rpId : pk.rp && pk.rp.id,
    allowCredentials: descriptors(pk.allowCredentials, 'allowCredentials'),
    userVerification: pk.userVerification,
    timeout: pk.timeout,
  };
  for (const key of Object.keys(request)) if (request[key] === undefined) delete request[key];
  return { publicKey: request, mediation: 'optional' };
}

function publicKeyOf(json) {
  const pk = json && json.publicKey;
  if (!pk || typeof pk !== 'object') throw new TypeError('the options have no publicKey object');
  if (typeof pk.challenge !== 'string') throw new TypeError('the options have no challenge');
  return pk;
}

/** A registration credential (from create()) → the body of Passkeys/VerifyFactor. */
export function registrationJSON(credential) {
  const response = credential.response;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    authenticatorAttachment: credential.authenticatorAttachment || undefined,
    type: credential.type,
    response: {
      attestationObject: toBase64url(response.attestationObject),
      clientDataJSON: toBase64url(response.clientDataJSON),
      transports: typeof response.getTransports === 'function' ? response.getTransports() : [],
    },
  };
}

/** An assertion (from get()) → the body of Passkeys/ApproveChallenge. */
export function assertionJSON(credential) {
  const response = credential.response;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    authenticatorAttachment: credential.authenticatorAttachment || undefined,
    type: credential.type,
    response: {
      authenticatorData: toBase64url(response.authenticatorData),
      clientDataJSON: toBase64url(response.clientDataJSON),
      signature: toBase64url(response.signature),
      userHandle: response.userHandle ? toBase64url(response.userHandle) : undefined,
    },
  };
}

/** The clientDataJSON a credential carries, decoded: what the server checks (type, challenge, origin). */
export function clientData(base64url) {
  return JSON.parse(new TextDecoder().decode(fromBase64url(base64url, 'clientDataJSON')));
}

/** Options as the page hands them to WebAuthn, binary fields shown as base64url again, for the log. */
export function printable(value) {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return `‹${value.byteLength} bytes: ${toBase64url(value)}›`;
  if (Array.isArray(value)) return value.map(printable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, printable(v)]));
  }
  return value;
}

/**
 * Whether this page can be the relying party `rpId` names: WebAuthn needs a secure context and an RP id
 * that is the page's host or a registrable suffix of it; an IP address can never be an RP id.
 * Returns null when it can, else the reason.
 */
export function originProblem(loc, rpId) {
  if (!globalThis.isSecureContext) {
    return `${loc.origin} is not a secure context: open the console over https:// or at http://localhost.`;
  }
  if (typeof PublicKeyCredential === 'undefined') return 'This browser has no WebAuthn (PublicKeyCredential).';
  if (isIpAddress(loc.hostname)) {
    return `Passkeys need a domain, and this page is at the IP address ${loc.hostname}.`;
  }
  if (rpId && loc.hostname !== rpId && !loc.hostname.endsWith('.' + rpId)) {
    return `The service's relying party is ${rpId}, which this page (${loc.hostname}) cannot speak for.`;
  }
  return null;
}

export function isIpAddress(hostname) {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[') || hostname.includes(':');
}

/** The console's own address with `localhost` for a loopback IP, where passkeys work. */
export function localhostAddress(loc) {
  if (loc.hostname === '127.0.0.1' || loc.hostname === '[::1]') {
    return `${loc.protocol}//localhost${loc.port ? ':' + loc.port : ''}${loc.pathname}${loc.hash}`;
  }
  return null;
}

/** What a WebAuthn failure means, in the words a developer needs. */
export function explain(e, step) {
  const name = e && e.name;
  if (name === 'NotAllowedError') {
    return `${step} was cancelled, timed out, or found no passkey for this service here (NotAllowedError).`;
  }
  if (name === 'InvalidStateError') return 'This authenticator already holds a passkey for this user (InvalidStateError: excludeCredentials).';
  if (name === 'SecurityError') return `The browser refused the relying party for ${location.origin} (SecurityError): ${e.message}`;
  if (name === 'NotSupportedError') return `No authenticator here supports these options (NotSupportedError): ${e.message}`;
  return e && e.message ? e.message : String(e);
}
