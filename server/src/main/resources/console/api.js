// The public /v2 API over fetch, exactly as any client sees it: form-encoded bodies, Twilio JSON,
// HTTP Basic with the account credentials or with a device JWT (username "token").

/** An error answer from the API: HTTP status plus Twilio's {code, message, more_info}. */
export class ApiError extends Error {
  constructor(status, body, path, serverDate) {
    const detail = body && body.message ? body.message : `HTTP ${status}`;
    super(body && body.code ? `${detail} (${body.code})` : detail);
    this.status = status;
    this.code = body ? body.code : undefined;
    this.body = body; // the whole answer, for the passkey ceremony's log
    this.path = path;
    this.serverDate = serverDate; // the answer's Date header, in ms (NaN when absent)
  }
}

/** A network failure: the server did not answer at all. */
export class Unreachable extends Error {}

/** `Basic base64(user:password)`; throws on characters outside Latin-1, which Basic cannot carry. */
export function basicAuth(user, password) {
  return 'Basic ' + btoa(user + ':' + password);
}

/**
 * One API call. `params` go in the query (GET, DELETE) or as a form body (POST); `json` instead is sent
 * as an application/json body (the Passkeys operations, the only Verify v2 requests that take JSON).
 * Returns {status, headers, body}; throws ApiError for a non-2xx answer and Unreachable when the
 * server cannot be reached.
 *
 * credentials: 'omit' keeps the browser from adding credentials of its own (the API sends no
 * WWW-Authenticate, so none are asked for); the Authorization header set here is sent all the same.
 */
export async function apiRequest(method, path, { auth, params, json } = {}) {
  const init = {
    method,
    credentials: 'omit',
    cache: 'no-store',
    headers: { Accept: 'application/json', Authorization: auth },
  };
  let url = path;
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (params) {
    const form = new URLSearchParams(params);
    if (method === 'GET' || method === 'DELETE') {
      url += '?' + form.toString();
    } else {
      init.body = form; // sent as application/x-www-form-urlencoded;charset=UTF-8
    }
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw new Unreachable(`Cannot reach Assent at ${location.origin}`);
  }
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, body, path, Date.parse(response.headers.get('Date')));
  }
  return { status: response.status, headers: response.headers, body };
}

/** Path of an entity (identities are letters, digits and dashes; encoded all the same). */
export function entityPath(serviceSid, identity) {
  return `/v2/Services/${encodeURIComponent(serviceSid)}/Entities/${encodeURIComponent(identity)}`;
}
