// Confirming an order's PaymentIntent. With a real publishable key: Stripe.js and its Payment Element, confirmed
// with the PaymentIntent's client secret. Against the dev run's Stripe stand-in (GET /api/payments/config answers
// the key pk_test_local_stand_in): a clearly labelled test button that asks the dev run to send the signed
// payment_intent.succeeded event, as Stripe would after a card payment. Either way the order turns PAID only when
// the shop's webhook has the event; the order page watches for that.
import { api, apiUrl } from './api.js';
import { config } from '../config.js';
import { describe } from './forms.js';
import { esc, money } from './format.js';

export const STAND_IN_KEY = 'pk_test_local_stand_in';

const handedOver = new Map();

/** Checkout hands its answer's `payment` to the order page, which then need not ask for it again. */
export function handOverPayment(orderId, payment) {
  if (payment) {
    handedOver.set(orderId, payment);
  }
}

/** The order's PaymentIntent: from checkout's answer, or GET /api/orders/{id}/payment (which starts it if needed). */
export async function paymentFor(orderId, headers = {}) {
  const payment = handedOver.get(orderId);
  handedOver.delete(orderId);
  return payment ?? api(`/api/orders/${encodeURIComponent(orderId)}/payment`, { headers, authenticated: true });
}

let stripeJs = null;

function loadStripeJs() {
  stripeJs ??= new Promise((resolve, reject) => {
    if (window.Stripe) {
      resolve(window.Stripe);
      return;
    }
    const script = document.createElement('script');
    script.src = config.stripeJsUrl;
    script.addEventListener('load', () => resolve(window.Stripe));
    script.addEventListener('error', () => {
      stripeJs = null;
      reject(new Error('The payment form could not be loaded from Stripe. Check your connection and reload.'));
    });
    document.head.append(script);
  });
  return stripeJs;
}

const submitted = (container) => {
  container.innerHTML = '<p class="payment-submitted">Payment submitted. Waiting for the shop to confirm it…</p>';
};

function failed(container, message) {
  const slot = container.querySelector('.payment-error');
  slot.textContent = message;
  slot.hidden = false;
  slot.focus();
}

/** Offline: the dev run's trigger stands in for the customer's card payment. */
function mountTestPayment(container, order, payment) {
  container.innerHTML = `<div class="test-payment">
      <h2 id="test-payment-title">Test payment <span class="tag">dev run only</span></h2>
      <p>This shop runs against a local Stripe stand-in: no card is needed and no money moves. The button asks the
        dev run to send Stripe's signed <code>payment_intent.succeeded</code> event to the shop's webhook, as Stripe
        would after a successful card payment.</p>
      <button type="button" class="pay" aria-describedby="test-payment-title">Pay ${esc(money(order.total))} with a test payment</button>
      <p class="payment-error form-error" role="alert" tabindex="-1" hidden></p>
    </div>`;
  const button = container.querySelector('.pay');
  button.addEventListener('click', async () => {
    if (button.disabled) {
      return;
    }
    // disabled before the request, and never enabled again after it worked: one click, one payment
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = 'Paying…';
    try {
      const response = await fetch(apiUrl(`/dev/stripe/payment-intents/${encodeURIComponent(payment.paymentIntentId)}/succeed`),
        { method: 'POST', credentials: 'omit' });
      const result = await response.json().catch(() => ({}));
      if (!response.ok || result.webhookStatus !== 200) {
        throw new Error(result.detail ?? `The shop's webhook answered ${result.webhookStatus ?? response.status}.`);
      }
      submitted(container);
    } catch (error) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.textContent = `Pay ${money(order.total)} with a test payment`;
      failed(container, error instanceof TypeError ? 'The dev run could not be reached.' : error.message);
    }
  });
}

/** Online: Stripe's Payment Element, confirmed with the client secret; 3-D Secure redirects come back to ?order=. */
async function mountStripe(container, order, payment) {
  container.innerHTML = `<form class="stripe-payment" novalidate aria-label="Payment">
      <h2>Payment</h2>
      ${payment.publishableKey.startsWith('pk_test_') ? '<p class="tag">Stripe test mode: pay with the card 4242 4242 4242 4242, any future date and any CVC.</p>' : ''}
      <div class="payment-element"></div>
      <button type="submit" class="pay">Pay ${esc(money(order.total))}</button>
      <p class="payment-error form-error" role="alert" tabindex="-1" hidden></p>
    </form>`;
  const Stripe = await loadStripeJs();
  const stripe = Stripe(payment.publishableKey);
  const elements = stripe.elements({ clientSecret: payment.clientSecret });
  elements.create('payment').mount(container.querySelector('.payment-element'));
  const form = container.querySelector('form');
  const button = form.querySelector('.pay');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) {
      return;
    }
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    const { error } = await stripe.confirmPayment({
      elements,
      confirmParams: { return_url: `${location.origin}${location.pathname}?order=${encodeURIComponent(order.id)}` },
      redirect: 'if_required',
    });
    if (error) {
      // card_error and validation_error messages are written for the customer; others are not
      button.disabled = false;
      button.removeAttribute('aria-busy');
      failed(container, ['card_error', 'validation_error'].includes(error.type) ? error.message : 'The payment did not go through. Please try again.');
      return;
    }
    submitted(container);
  });
}

/** Shows how to pay `order` in `container`, unless its payment is already under way or done. */
export async function mountPayment(container, order, headers = {}) {
  try {
    const payment = await paymentFor(order.id, headers);
    if (['SUCCEEDED', 'PROCESSING'].includes(payment.status)) {
      submitted(container);
    } else if (payment.publishableKey === STAND_IN_KEY) {
      mountTestPayment(container, order, payment);
    } else {
      await mountStripe(container, order, payment);
    }
  } catch (error) {
    container.innerHTML = `<p class="form-error" role="alert">${esc(describe(error))}</p>`;
  }
}
