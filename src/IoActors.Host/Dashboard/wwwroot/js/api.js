// The host's HTTP API as the dashboard uses it: the session cookie (set by POST /dashboard/login) authenticates, the
// CSRF token kept here in memory (never in storage) goes with every call that changes something, and any 401 ends
// the session on the page.

const session = { csrf: null, expiresAt: null };
const unauthorizedListeners = new Set();

/** An error answer of the host, with its RFC 7807 problem body when it had one. */
export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super(problem?.detail || problem?.title || fallback || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? null;
  }
}

/** Calls fn() whenever an API call is answered 401 (the session ended or was never there). */
export function onUnauthorized(fn) {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

/** Whether a session (a CSRF token) is held. */
export function signedIn() {
  return session.csrf !== null;
}

/** When the session ends (ISO text), or null. */
export function expiresAt() {
  return session.expiresAt;
}

function setSession(body) {
  session.csrf = typeof body?.csrf === 'string' ? body.csrf : null;
  session.expiresAt = body?.expiresAt ?? null;
}

/** Forgets the session on the page (the cookie stays until logout or expiry). */
export function forget() {
  setSession(null);
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) {
    return null;
  }

  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** The headers for a request: JSON, and the CSRF token for anything but GET and HEAD. */
export function headersFor(method, extra) {
  const headers = { Accept: 'application/json', ...extra };
  if (method !== 'GET' && method !== 'HEAD' && session.csrf) {
    headers['X-CSRF-Token'] = session.csrf;
  }

  return headers;
}

/**
 * A request to the host; resolves with the Response when it is 2xx or 304, else throws ApiError. A body that is not a
 * string is sent as JSON.
 */
export async function request(path, { method = 'GET', body, headers, signal } = {}) {
  const init = { method, headers: headersFor(method, headers), credentials: 'same-origin', cache: 'no-store', signal };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }

  const response = await fetch(path, init);
  if (response.ok || response.status === 304) {
    return response;
  }

  const problem = await problemOf(response);
  if (response.status === 401 && path.startsWith('/api/')) {
    forget();
    for (const fn of unauthorizedListeners) {
      fn();
    }
  }

  throw new ApiError(response.status, problem, response.statusText);
}

/** GET a JSON document. With an entity tag it asks If-None-Match and resolves {notModified: true} on a 304. */
export async function getJson(path, { etag, signal } = {}) {
  const response = await request(path, { headers: etag ? { 'If-None-Match': etag } : undefined, signal });
  if (response.status === 304) {
    return { notModified: true, etag };
  }

  const text = response.status === 204 ? '' : await response.text();
  return { value: text ? JSON.parse(text) : null, etag: response.headers.get('ETag') };
}

/** POST (or another method) with a JSON body; resolves with the answer's JSON, or null when it has none. */
export async function send(method, path, body) {
  const response = await request(path, { method, body });
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Signs in with {token} or {code}: the host sets the session cookie and answers the CSRF token. */
export async function login(credentials) {
  const response = await fetch('/dashboard/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(credentials),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response), 'sign-in failed');
  }

  setSession(await response.json());
}

/** After a reload: takes up the session the cookie still holds. Resolves true when there is one. */
export async function resume() {
  const response = await fetch('/dashboard/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) {
    forget();
    return false;
  }

  setSession(await response.json());
  return signedIn();
}

/** Ends the session on the host (the cookie is cleared) and on the page. */
export async function logout() {
  try {
    await fetch('/dashboard/logout', { method: 'POST', headers: headersFor('POST'), credentials: 'same-origin', cache: 'no-store' });
  } finally {
    forget();
  }
}
