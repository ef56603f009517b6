// The platform's API as the console calls it, the same API as everyone's: the person's own bearer
// tokens, kept in sessionStorage (gone when the tab closes), refreshed shortly before they expire and
// once more on a 401. No cookies are used, so another site cannot make the browser act for them (no
// CSRF). Sign-in, refresh, sign-out and /users/me go to the auth service named by config.json.

const STORE = 'bakery-console.session';
const signedOutListeners = new Set();
let authBase = '';
let refreshTimer = null;
let refreshing = null;

/** A refused or failed call: `message` is what to show a person (the problem's detail). */
export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem || {};
  }
}

/** Reads where to sign in ({"auth_url": ""} for this origin). */
export async function loadConfig() {
  let answer;
  try {
    answer = await fetch('config.json', { headers: { Accept: 'application/json' }, cache: 'no-cache' });
  } catch (e) {
    throw new ApiError(0, `The console could not reach the platform: ${e.message}.`);
  }
  if (!answer.ok) {
    throw new ApiError(answer.status, `The console could not read its settings (config.json answered ${answer.status}).`);
  }
  authBase = (await answer.json()).auth_url || '';
  const session = readSession();
  if (session) {
    scheduleRefresh(session);
  }
}

/** Whether tokens are kept for this tab. */
export function hasSession() {
  return readSession() !== null;
}

/** Calls `listener(reason)` when the session ends without the person signing out (a refresh refused). */
export function onSessionEnded(listener) {
  signedOutListeners.add(listener);
}

/** Logs in with the person's normal credentials; throws ApiError with the platform's words. */
export async function signIn(email, password) {
  keep(await send('POST', `${authBase}/api/v1/auth/login`, { body: { email, password } }));
}

/** Forgets the tokens and revokes the refresh token (best effort: the tokens are gone from here either way). */
export async function signOut() {
  const session = readSession();
  forget();
  if (session) {
    try {
      await send('POST', `${authBase}/api/v1/auth/logout`, { body: { refresh_token: session.refresh_token } });
    } catch {
      // Already unknown or unreachable: nothing more to revoke from this tab.
    }
  }
}

/**
 * Calls the API with the person's token: `path` on this origin, or with {auth: true} on the auth
 * service. Answers the parsed JSON (or text for other types, null for 204); throws ApiError.
 */
export async function api(method, path, options = {}) {
  const url = (options.auth ? authBase : '') + path;
  for (let attempt = 0; ; attempt += 1) {
    const session = readSession();
    if (!session) {
      throw new ApiError(401, 'You are signed out; sign in again.');
    }
    try {
      return await send(method, url, { ...options, token: session.access_token });
    } catch (e) {
      if (e.status !== 401) {
        throw e;
      }
      if (attempt > 0) {
        end(e.message);
        throw e;
      }
      await refresh();
    }
  }
}

async function send(method, url, { body, accept = 'application/json', token } = {}) {
  const headers = { Accept: accept };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  let answer;
  try {
    answer = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, `The platform could not be reached (${e.message}). Check the connection and try again.`);
  }
  const type = answer.headers.get('Content-Type') || '';
  const parsed = answer.status === 204 ? null
    : type.includes('json') ? await answer.json().catch(() => null) : await answer.text();
  if (!answer.ok) {
    const problem = parsed && typeof parsed === 'object' ? parsed : {};
    const message = problem.detail || problem.title || `The platform answered ${answer.status} ${answer.statusText}.`;
    throw new ApiError(answer.status, message, problem);
  }
  return parsed;
}

/** One refresh at a time: the refresh token is single use, so a second one in parallel would be refused. */
function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      const session = readSession();
      if (!session) {
        throw new ApiError(401, 'You are signed out; sign in again.');
      }
      try {
        keep(await send('POST', `${authBase}/api/v1/auth/refresh`, { body: { refresh_token: session.refresh_token } }));
      } catch (e) {
        if (e.status === 400 || e.status === 401 || e.status === 403) {
          end(`Your session ended (${e.message}) Sign in again.`);
        }
        throw e;
      }
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

function keep(tokens) {
  const session = {
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    expires_at: Date.now() + tokens.expires_in * 1000,
  };
  sessionStorage.setItem(STORE, JSON.stringify(session));
  scheduleRefresh(session);
}

/** Refreshes a minute (or a fifth of the lifetime, if shorter) before the access token expires. */
function scheduleRefresh(session) {
  clearTimeout(refreshTimer);
  const left = session.expires_at - Date.now();
  const lead = Math.min(60000, Math.max(0, left) / 5);
  refreshTimer = setTimeout(() => refresh().catch(() => {}), Math.max(0, left - lead));
}

function readSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(STORE));
    return session && session.access_token ? session : null;
  } catch {
    return null;
  }
}

function forget() {
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(STORE);
}

function end(reason) {
  if (readSession()) {
    forget();
    signedOutListeners.forEach((listener) => listener(reason));
  }
}
