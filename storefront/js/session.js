// The customer's session. The access token (a JWT, valid for minutes) lives only in this module's memory, so no
// script can find it in storage. The refresh token lives in sessionStorage: it survives a reload and the round
// trip through a bank's 3-D Secure page in the same tab, but not the tab; each tab has its own session, so two
// tabs never refresh with the same token (the API rotates refresh tokens and treats a reused one as stolen,
// revoking the session). See docs/storefront.md, "Tokens".
import { api, ApiError, useTokens } from './api.js';

const REFRESH_TOKEN = 'shop.refreshToken';
const EARLY_REFRESH_MILLIS = 30_000;

let access = null; // { token, expiresAt }
let customer = null; // { id, email, name, roles }
let refreshing = null;

function hasRefreshToken() {
  return sessionStorage.getItem(REFRESH_TOKEN) !== null;
}

function keep(pair) {
  access = { token: pair.accessToken, expiresAt: Date.now() + pair.expiresIn * 1000 };
  sessionStorage.setItem(REFRESH_TOKEN, pair.refreshToken);
}

function forget() {
  const had = access !== null || customer !== null || hasRefreshToken();
  access = null;
  customer = null;
  sessionStorage.removeItem(REFRESH_TOKEN);
  if (had) {
    changed();
  }
}

function changed() {
  document.dispatchEvent(new CustomEvent('shop:session', { detail: customer }));
}

/**
 * One refresh at a time: requests that find the token expired together wait for the same refresh, since a
 * second refresh with the same (then used) refresh token would count as reuse and end the session.
 */
function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      const refreshToken = sessionStorage.getItem(REFRESH_TOKEN);
      if (!refreshToken) {
        return false;
      }
      try {
        keep(await api('/api/auth/refresh', { method: 'POST', body: { refreshToken } }));
        return true;
      } catch (error) {
        if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
          forget(); // expired, revoked or reused: the customer logs in again
          return false;
        }
        throw error;
      }
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

async function token() {
  if (access && access.expiresAt - EARLY_REFRESH_MILLIS > Date.now()) {
    return access.token;
  }
  if (hasRefreshToken() && (await refresh())) {
    return access.token;
  }
  return null;
}

useTokens({ token, refresh });

export const session = {
  /** The signed-in customer, or null. */
  get customer() {
    return customer;
  },
  get signedIn() {
    return customer !== null;
  },
};

/** At start-up: a refresh token kept in this tab gets a new access token and the customer's profile. */
export async function restoreSession() {
  if (!hasRefreshToken()) {
    return;
  }
  try {
    if (await refresh()) {
      customer = await api('/api/customers/me', { authenticated: true });
      changed();
    }
  } catch (error) {
    // the API is unreachable: stay signed out for now, keep the refresh token for the next page load
    console.warn('Could not restore the session', error);
    access = null;
  }
}

export async function login(email, password) {
  keep(await api('/api/auth/login', { method: 'POST', body: { email, password } }));
  customer = await api('/api/customers/me', { authenticated: true });
  changed();
  return customer;
}

export async function register({ name, email, password }) {
  await api('/api/auth/register', { method: 'POST', body: { name, email, password } });
  return login(email, password);
}

export async function logout() {
  const refreshToken = sessionStorage.getItem(REFRESH_TOKEN);
  try {
    if (refreshToken && access) {
      await api('/api/auth/logout', { method: 'POST', body: { refreshToken }, authenticated: true });
    }
  } catch (error) {
    console.warn('Logout did not reach the shop; the tokens are forgotten here all the same', error);
  } finally {
    forget();
  }
}
