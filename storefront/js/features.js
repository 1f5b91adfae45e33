// What the API offers beyond today's contract, asked of the API itself: each function answers null while the API
// does not have the feature (its route answers 404, or 401 for an anonymous caller, as every unknown route does),
// so the storefront turns the feature on by itself the day the API has it. docs/storefront.md lists them.
import { api, ApiError } from './api.js';
import { session } from './session.js';

function missing(error) {
  return error instanceof ApiError && [401, 404, 405, 501].includes(error.status);
}

/**
 * Shipping methods for a country and cart (API: "Totals: shipping, tax and discount codes"), or null when the API
 * has none. With methods, checkout asks for `shippingMethod` and offers a `discountCode` field.
 */
export async function shippingMethods(country, cartId) {
  if (!/^[A-Z]{2}$/.test(country)) {
    return null;
  }
  try {
    const query = new URLSearchParams({ country, cartId });
    const methods = await api(`/api/shipping-methods?${query}`, { authenticated: session.signedIn });
    return Array.isArray(methods) && methods.length ? methods : null;
  } catch (error) {
    if (missing(error)) {
      return null;
    }
    throw error;
  }
}

/** What checkout would charge (`POST /api/checkout/quote`), or null without the totals feature. */
export async function quote(body) {
  try {
    return await api('/api/checkout/quote', { method: 'POST', body, authenticated: session.signedIn });
  } catch (error) {
    if (missing(error)) {
      return null;
    }
    throw error;
  }
}

/**
 * A ticket for the order's live event stream (API: "Live order status"), or null while the API has no stream:
 * an EventSource cannot send an Authorization header, so the stream takes a short-lived ticket in its URL.
 */
export async function orderEventsTicket(orderId, headers = {}) {
  try {
    return await api(`/api/orders/${encodeURIComponent(orderId)}/events/ticket`, {
      method: 'POST', headers, authenticated: session.signedIn,
    });
  } catch (error) {
    if (missing(error)) {
      return null;
    }
    throw error;
  }
}
