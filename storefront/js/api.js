// Every call to the Shop API goes through api(): JSON in and out, problem details turned into ApiError,
// a failed connection into NetworkError, and a bearer token attached (and refreshed once on a 401) when asked.
import { config } from '../config.js';

const PROBLEM_BASE = 'https://shop.example/problems/';

/** The API answered with an error: an RFC 9457 problem (`type`, `title`, `status`, `detail`, `errors`). */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || `The shop answered ${status}.`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The problem type's last part, e.g. `insufficient-stock`: what the storefront switches on. */
  get type() {
    const type = this.problem.type ?? '';
    return type.startsWith(PROBLEM_BASE) ? type.slice(PROBLEM_BASE.length) : type;
  }

  /** `[{field, message}]` of a validation problem; `field` is a path such as `shippingAddress.postalCode`. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/**
 * No answer: the network failed, the API is down, or the browser refused to show the answer (a CORS refusal
 * looks exactly like this to a page). A request that changes something may or may not have been carried out.
 */
export class NetworkError extends Error {
  constructor(cause) {
    super('The shop could not be reached. Check your connection and try again.');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

let tokens = null;

/** The session registers itself here: `token()` gives a current access token, `refresh()` gets a new one. */
export function useTokens(provider) {
  tokens = provider;
}

/**
 * Calls the API. `authenticated: true` sends the access token when there is a session and, on a 401, refreshes
 * it once and sends the request again (same body and headers, so an Idempotency-Key goes out unchanged).
 */
export async function api(path, { method = 'GET', body, headers = {}, authenticated = false, cache } = {}) {
  const send = async () => {
    const sent = { Accept: 'application/json', ...headers };
    if (body !== undefined) {
      sent['Content-Type'] = 'application/json';
    }
    let token = null;
    if (authenticated && tokens) {
      token = await tokens.token();
      if (token) {
        sent.Authorization = `Bearer ${token}`;
      }
    }
    try {
      const response = await fetch(config.apiBase + path, {
        method,
        headers: sent,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache,
        // bearer tokens only: the API sets no cookies, and a cross-origin request needs none
        credentials: 'omit',
      });
      return { response, token };
    } catch (error) {
      throw new NetworkError(error);
    }
  };
  let { response, token } = await send();
  if (response.status === 401 && token && (await tokens.refresh())) {
    ({ response } = await send());
  }
  return read(response);
}

async function read(response) {
  const type = response.headers.get('Content-Type') ?? '';
  const json = type.includes('json') ? await response.json().catch(() => null) : null;
  if (response.ok) {
    return json;
  }
  const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
  throw new ApiError(response.status, json ?? { title: response.statusText || `HTTP ${response.status}` }, retryAfter);
}

/** Where the API is, for the few places that build a URL themselves (EventSource, the dev payment trigger). */
export function apiUrl(path) {
  return config.apiBase + path;
}
