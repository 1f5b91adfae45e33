// The storefront's settings: the one file to edit when the shop is deployed.
// Any page may also be opened with ?api=<origin> (e.g. ?api=http://127.0.0.1:8121) to use another API:
// the choice is kept for this browser tab (sessionStorage).

const DEFAULT_API_BASE = 'http://127.0.0.1:8080';

function apiBase() {
  const fromQuery = new URLSearchParams(location.search).get('api');
  if (fromQuery) {
    const origin = new URL(fromQuery).origin;
    sessionStorage.setItem('shop.apiBase', origin);
    return origin;
  }
  return sessionStorage.getItem('shop.apiBase') ?? DEFAULT_API_BASE;
}

export const config = Object.freeze({
  apiBase: apiBase(),
  // Stripe.js is always loaded from Stripe (never bundled or self-hosted). The release train in the path
  // matches the Stripe API version the server's stripe-java pins (2026-07-29.dahlia).
  stripeJsUrl: 'https://js.stripe.com/dahlia/stripe.js',
  // Guest checkout (POST /api/checkout without a token, with an e-mail; API.md "Guest checkout"): a shopper without
  // an account checks out with an e-mail, and the order page opens the order with its access key. It cannot be
  // detected without placing an order, so it is switched here (off for an API that does not offer it).
  guestCheckout: true,
  // How often the order page asks for the order while it waits for the payment (until the live stream exists).
  orderPollMillis: 1000,
  pageSize: 12,
});
