// Checkout: the shipping address (plus shipping method and discount code once the API has them), then
// POST /api/checkout with an Idempotency-Key. The key belongs to one checkout attempt: a double-click, a retry
// after a network error, a 5xx or a 409 request-in-progress send the same key with the same body, so the shop
// places the order once and answers the repeat with the same order.
import { config } from '../../config.js';
import { api, ApiError, NetworkError } from '../api.js';
import { currentCart, takeMergeNotice } from '../cart.js';
import * as features from '../features.js';
import { clearProblems, field, formAlert, markInvalid, showProblem, values, whileBusy } from '../forms.js';
import { esc, money } from '../format.js';
import { handOverPayment } from '../payment.js';
import { session } from '../session.js';
import { rememberOrderAccessKey } from './order.js';

const ATTEMPT = 'shop.checkoutAttempt';

function newKey() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  // pages served over plain http from a host other than localhost have no randomUUID: a v4 UUID by hand
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The attempt's key: the same as last time for the same body, a new one for a new body. Kept for this tab. */
function idempotencyKey(body) {
  const json = JSON.stringify(body);
  const saved = JSON.parse(sessionStorage.getItem(ATTEMPT) ?? 'null');
  if (saved?.body === json) {
    return saved.key;
  }
  const key = newKey();
  sessionStorage.setItem(ATTEMPT, JSON.stringify({ key, body: json }));
  return key;
}

/** Whether the answer leaves the attempt open (the same request may be repeated with the same key). */
function worthRepeating(error) {
  return error instanceof NetworkError
    || (error instanceof ApiError && (error.status >= 500 || error.status === 429 || error.type === 'request-in-progress'));
}

function addressFields(customer) {
  const a = (name, label, extra) => field({ name, field: `shippingAddress.${name}`, label, ...extra });
  return `<fieldset class="address"><legend>Shipping address</legend>
    ${a('name', 'Full name', { autocomplete: 'shipping name', required: true, value: customer?.name ?? '' })}
    ${a('line1', 'Street and number', { autocomplete: 'shipping address-line1', required: true })}
    ${a('line2', 'Address line 2 (optional)', { autocomplete: 'shipping address-line2' })}
    ${a('city', 'City', { autocomplete: 'shipping address-level2', required: true })}
    ${a('postalCode', 'Postal code', { autocomplete: 'shipping postal-code', required: true })}
    ${a('country', 'Country', { autocomplete: 'shipping country', required: true, hint: 'Two-letter code, e.g. DE for Germany.', attrs: 'maxlength="2" class="country"' })}
  </fieldset>`;
}

function summary(cart) {
  return `<section class="order-summary" aria-labelledby="summary-title">
    <h2 id="summary-title">Your order</h2>
    <ul>${cart.items.map((item) => `<li>${esc(item.quantity)} × ${esc(item.name)} <span>${money(item.lineTotal)}</span></li>`).join('')}</ul>
    <p class="subtotal">Subtotal <strong>${money(cart.subtotal)}</strong></p>
    <dl class="quote" hidden aria-live="polite"></dl>
  </section>`;
}

function shortageMessage(problem, cart) {
  const names = new Map(cart.items.map((item) => [item.productId, item.name]));
  const lines = (problem.products ?? []).map((p) => (p.available > 0
    ? `only ${p.available} of “${names.get(p.productId) ?? 'a product'}” left (you want ${p.requested})`
    : `“${names.get(p.productId) ?? 'a product'}” is sold out`));
  return `Not enough stock: ${lines.join('; ')}. Nothing was ordered; change the quantities in your cart.`;
}

export async function renderCheckout(root) {
  const guest = !session.signedIn && config.guestCheckout;
  if (!session.signedIn && !guest) {
    root.innerHTML = `<h1>Checkout</h1><p>Please <a href="#/login?returnTo=/checkout">log in</a> or
      <a href="#/register?returnTo=/checkout">create an account</a> to check out. Your cart is kept.</p>`;
    return;
  }
  const cart = await currentCart();
  if (!cart || cart.items.length === 0) {
    root.innerHTML = '<h1>Checkout</h1><p>Your cart is empty. <a href="#/">Find something you like</a>.</p>';
    return;
  }
  const notice = takeMergeNotice();
  root.innerHTML = `<h1>Checkout</h1>
    ${notice ? `<p class="notice" role="status">${esc(notice)}</p>` : ''}
    ${guest ? `<p class="guest-note">Checking out as a guest. <a href="#/login?returnTo=/checkout">Log in</a> or
      <a href="#/register?returnTo=/checkout">create an account</a> to keep your orders in an account; your cart is
      kept.</p>` : ''}
    <div class="checkout">
      ${summary(cart)}
      <form class="checkout-form" novalidate aria-label="Shipping and payment">
        ${guest ? field({ label: 'E-mail (for the order confirmation)', name: 'email', type: 'email', autocomplete: 'email', required: true }) : ''}
        ${addressFields(session.customer)}
        <fieldset class="shipping-methods" hidden><legend>Shipping method</legend><div class="choices"></div>
          <p class="field-error" id="shipping-method-error" hidden></p></fieldset>
        <div class="discount" hidden>${field({ label: 'Discount code (optional)', name: 'discountCode', autocomplete: 'off' })}</div>
        ${formAlert()}
        <div class="actions"><button type="submit" class="place-order">Place order</button></div>
        <p class="hint">You pay on the next page. The order is placed once, however often you press the button.</p>
      </form>
    </div>`;

  const form = root.querySelector('form');
  const button = form.querySelector('.place-order');
  const methodsBox = form.querySelector('.shipping-methods');
  const discountBox = form.querySelector('.discount');
  const quoteBox = root.querySelector('.quote');
  const country = form.querySelector('[data-field="shippingAddress.country"]');
  const discountCode = form.querySelector('[data-field="discountCode"]');
  let methodsShown = false;
  let methodsFor = null;
  let shippingReady = Promise.resolve();

  // Shipping methods and discount codes appear only when the API lists shipping methods for the country: asked as
  // soon as the country has two letters. Placing the order waits for the answer, so the order names a method
  // whenever the API needs one.
  const offerShipping = () => {
    const code = country.value.trim().toUpperCase();
    if (code === methodsFor) {
      return shippingReady;
    }
    methodsFor = code;
    shippingReady = (async () => {
      const methods = await features.shippingMethods(code, cart.id).catch(() => null);
      if (methodsFor !== code) {
        return;
      }
      methodsShown = Boolean(methods);
      methodsBox.hidden = !methods;
      discountBox.hidden = !methods;
      methodsBox.querySelector('.choices').innerHTML = (methods ?? []).map((m, i) => `<label class="choice">
          <input type="radio" name="shippingMethod" value="${esc(m.code)}" data-field="${i === 0 ? 'shippingMethod' : ''}"
            aria-describedby="shipping-method-error" ${i === 0 ? 'checked' : ''}>
          ${esc(m.name)}, ${money(m.price)}${m.estimatedDays ? `, ${esc(m.estimatedDays)} ${m.estimatedDays === 1 ? 'day' : 'days'}` : ''}</label>`).join('');
      await showQuote();
    })();
    return shippingReady;
  };
  country.addEventListener('input', () => {
    if (/^[A-Za-z]{2}$/.test(country.value.trim())) {
      offerShipping();
    }
  });
  country.addEventListener('change', offerShipping);

  // What checkout would charge (POST /api/checkout/quote) with the address, method and code as they are now, shown
  // before the order is placed; a code that does not apply is shown at its field; an address not complete yet
  // shows no quote. Only the latest answer is shown.
  let quoteRun = 0;
  const showQuote = async () => {
    const run = ++quoteRun;
    if (!/^[A-Z]{2}$/.test(country.value.trim())) {
      quoteBox.hidden = true;
      return;
    }
    discountCode.removeAttribute('aria-invalid');
    const slot = document.getElementById(`${discountCode.id}-error`);
    if (slot) {
      slot.hidden = true;
    }
    let quote = null;
    try {
      quote = await features.quote(body());
    } catch (error) {
      if (run === quoteRun && error instanceof ApiError && error.fieldErrors?.some((e) => e.field === 'discountCode')) {
        markInvalid(discountCode, error.fieldErrors.find((e) => e.field === 'discountCode').message);
      }
    }
    if (run !== quoteRun) {
      return;
    }
    quoteBox.hidden = !quote;
    if (quote) {
      const row = (name, label, value) => `<dt>${label}</dt><dd class="${name}">${value}</dd>`;
      quoteBox.innerHTML = row('quote-subtotal', 'Subtotal', money(quote.subtotal))
        + (quote.discount.amount ? row('quote-discount', `Discount${quote.discountCode ? ` (${esc(quote.discountCode)})` : ''}`, `−${money(quote.discount)}`) : '')
        + row('quote-shipping', 'Shipping', money(quote.shipping))
        + (quote.tax.amount ? row('quote-tax', quote.taxIncluded ? `Including tax (${esc(quote.taxRate)} %)` : `Tax (${esc(quote.taxRate)} %)`, money(quote.tax)) : '')
        + row('quote-total', 'Total', `<strong>${money(quote.total)}</strong>`);
    }
  };
  // a changed method, code or address field asks again (the country asks once its methods are known)
  form.addEventListener('change', (event) => {
    if (event.target !== country) {
      showQuote();
    }
  });

  const body = () => {
    const v = values(form);
    const request = {
      cartId: cart.id,
      shippingAddress: {
        name: v.name, line1: v.line1, line2: v.line2 || null, city: v.city, postalCode: v.postalCode, country: v.country,
      },
    };
    if (methodsShown) {
      request.shippingMethod = v.shippingMethod ?? null;
      request.discountCode = v.discountCode || null;
    }
    if (guest) {
      request.email = v.email;
    }
    return request;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) {
      return;
    }
    await whileBusy(button, 'Placing your order…', async () => {
      await offerShipping();
      const request = body();
      const key = idempotencyKey(request);
      clearProblems(form);
      try {
        const placed = await api('/api/checkout', {
          method: 'POST', body: request, headers: { 'Idempotency-Key': key }, authenticated: !guest,
        });
        sessionStorage.removeItem(ATTEMPT);
        handOverPayment(placed.orderId, placed.payment);
        if (placed.orderAccessKey) {
          rememberOrderAccessKey(placed.orderId, placed.orderAccessKey);
        }
        await currentCart().catch(() => null); // the cart is empty now: the header says so
        location.hash = `#/orders/${encodeURIComponent(placed.orderId)}`;
      } catch (error) {
        if (!worthRepeating(error)) {
          sessionStorage.removeItem(ATTEMPT);
        }
        if (error instanceof NetworkError) {
          showProblem(form, error, { message: 'The shop did not answer, so your order may or may not have been placed. '
            + 'Press “Place order” again: the shop recognises the repeat and never places it twice.' });
        } else if (error instanceof ApiError && error.type === 'insufficient-stock') {
          showProblem(form, error, { message: shortageMessage(error.problem, cart) });
          form.querySelector('.form-error').insertAdjacentHTML('beforeend', ' <a href="#/cart">Change your cart</a>');
        } else if (error instanceof ApiError && error.type === 'request-in-progress') {
          showProblem(form, error, { message: 'Your order is still being placed. Press “Place order” again in a moment.' });
        } else if (error instanceof ApiError && error.status === 401) {
          showProblem(form, error, { message: 'Your session has ended. Please log in again; your cart is kept.' });
          form.querySelector('.form-error').insertAdjacentHTML('beforeend', ' <a href="#/login?returnTo=/checkout">Log in</a>');
        } else {
          showProblem(form, error);
        }
      }
    });
  });
}
