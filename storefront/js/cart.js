// Which cart the shopper fills: before login an anonymous cart whose id (the capability to use it) is kept in
// localStorage, so it survives closing the browser; after login the customer's own cart (/api/carts/mine), into
// which the anonymous one is merged once.
import { api, ApiError } from './api.js';
import { session } from './session.js';

const ANONYMOUS_CART = 'shop.cartId';

function announce(cart) {
  document.dispatchEvent(new CustomEvent('shop:cart', { detail: cart }));
  return cart;
}

/** The shopper's cart, or null when an anonymous shopper has none yet (unless `create`). */
export async function currentCart({ create = false } = {}) {
  if (session.signedIn) {
    return announce(await api('/api/carts/mine', { authenticated: true, cache: 'no-store' }));
  }
  const id = localStorage.getItem(ANONYMOUS_CART);
  if (id) {
    try {
      return announce(await api(`/api/carts/${id}`, { cache: 'no-store' }));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        throw error;
      }
      localStorage.removeItem(ANONYMOUS_CART); // purged after 30 days unused, or merged in another tab
    }
  }
  if (!create) {
    return announce(null);
  }
  const cart = await api('/api/carts', { method: 'POST' });
  localStorage.setItem(ANONYMOUS_CART, cart.id);
  return announce(cart);
}

/**
 * Adds a product (or, once products have variants, one variant of it). A 409 `insufficient-stock` problem says
 * how many are `available` and how many the cart line would hold (`requested`).
 */
export async function addToCart({ productId, variantId }, quantity) {
  const cart = await currentCart({ create: true });
  const item = variantId ? { variantId, quantity } : { productId, quantity };
  return announce(await api(`/api/carts/${cart.id}/items`, {
    method: 'POST', body: item, authenticated: session.signedIn,
  }));
}

export async function changeQuantity(cartId, itemId, quantity) {
  return announce(await api(`/api/carts/${cartId}/items/${itemId}`, {
    method: 'PATCH', body: { quantity }, authenticated: session.signedIn,
  }));
}

export async function removeLine(cartId, itemId) {
  return announce(await api(`/api/carts/${cartId}/items/${itemId}`, {
    method: 'DELETE', authenticated: session.signedIn,
  }));
}

/**
 * After login: moves the anonymous cart's lines into the customer's cart. Returns the API's `adjustments`
 * (lines not merged in full: stock, 99 per line, 100 lines) for the shopper to read.
 */
export async function mergeAnonymousCart() {
  const cartId = localStorage.getItem(ANONYMOUS_CART);
  if (!cartId || !session.signedIn) {
    return [];
  }
  try {
    const merged = await api('/api/carts/mine/merge', { method: 'POST', body: { cartId }, authenticated: true });
    localStorage.removeItem(ANONYMOUS_CART);
    announce(merged.cart);
    return merged.adjustments ?? [];
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      localStorage.removeItem(ANONYMOUS_CART); // gone already: nothing to merge
      return [];
    }
    throw error;
  }
}

/** The note left by the login about lines of the anonymous cart not merged in full, once. */
export function takeMergeNotice() {
  const notice = sessionStorage.getItem('shop.mergeNotice');
  sessionStorage.removeItem('shop.mergeNotice');
  return notice;
}
