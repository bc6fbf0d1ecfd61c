// The UI's only way to data: the JSON API under /api/v1, with the bearer token when the server has
// one. The token stays in this tab's sessionStorage; it is sent only to our own origin.

const tokenKey = 'skillmeat.token';

/** An error answer of the API: its status, `detail` sentence and optional hint. */
export class ApiError extends Error {
  constructor(status, detail, body = {}, retryAfter = null) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.hint = body.hint ?? null;
    this.body = body;
    this.retryAfter = retryAfter;
  }
  /** Whether the failure came from a host's rate limit. */
  get rateLimited() { return this.status === 429; }
  /** Whether the network (ours or the host's) failed rather than the request. */
  get network() { return this.status === 0 || this.status === 502 || this.status === 503; }
}

let askForToken = async () => null;

/** Sets how the UI asks the person for a token when the server answers 401. */
export function onUnauthorized(ask) { askForToken = ask; }

export function token() { return sessionStorage.getItem(tokenKey); }
export function setToken(value) {
  if (value) sessionStorage.setItem(tokenKey, value); else sessionStorage.removeItem(tokenKey);
}

/** Sends one request; JSON in and out. A 401 asks for the token once and tries again. */
export async function request(method, path, body, { retried = false } = {}) {
  const headers = { Accept: 'application/json' };
  const current = token();
  if (current) headers.Authorization = `Bearer ${current}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'The SkillMeat server cannot be reached; check that `skillmeat serve` is running.');
  }
  if (response.status === 401 && !retried) {
    const given = await askForToken();
    if (given) {
      setToken(given);
      return request(method, path, body, { retried: true });
    }
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok) {
    const detail = data?.detail ?? `The server answered ${response.status}.`;
    throw new ApiError(response.status, detail, data ?? {}, response.headers.get('Retry-After'));
  }
  return data;
}

/** `path` with the query parameters that have a value. */
export function withQuery(path, parameters) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value === undefined || value === null || value === '') continue;
    query.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export const get = (path, parameters = {}) => request('GET', withQuery(path, parameters));
export const post = (path, body = {}) => request('POST', path, body);
export const patch = (path, body = {}) => request('PATCH', path, body);
export const del = (path) => request('DELETE', path);

/** Encodes one path segment (ids carry ':' and names may carry anything). */
export const seg = (value) => encodeURIComponent(String(value));
