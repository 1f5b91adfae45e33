// One order, kept up to date without a reload (order-status.js), with the payment while it waits for one.
import { api, ApiError } from '../api.js';
import { describe, whileBusy } from '../forms.js';
import { dateTime, esc, money } from '../format.js';
import { watchOrder } from '../order-status.js';
import { mountPayment } from '../payment.js';

export const STATUS = {
  PENDING_PAYMENT: 'Awaiting payment',
  PAID: 'Paid',
  SHIPPED: 'Shipped',
  PARTIALLY_REFUNDED: 'Partly refunded',
  REFUNDED: 'Refunded',
  CANCELLED: 'Cancelled',
};

const ACCESS_KEYS = 'shop.orderAccessKeys';

/** Guest checkout (API: "Guest checkout"): the order's secret, sent as Order-Access-Key instead of a token. */
export function rememberOrderAccessKey(orderId, key) {
  const keys = JSON.parse(sessionStorage.getItem(ACCESS_KEYS) ?? '{}');
  keys[orderId] = key;
  sessionStorage.setItem(ACCESS_KEYS, JSON.stringify(keys));
}

function accessHeaders(orderId) {
  const key = JSON.parse(sessionStorage.getItem(ACCESS_KEYS) ?? '{}')[orderId];
  return key ? { 'Order-Access-Key': key } : {};
}

function address(a) {
  return [a.name, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.country].filter(Boolean).map(esc).join('<br>');
}

/** Subtotal, discount, shipping and tax above the total, when the order has more than its lines to pay. */
function breakdown(order) {
  const row = (name, label, value) => `<tr><th scope="row" colspan="3">${label}</th><td class="${name}">${value}</td></tr>`;
  if (!order.discount?.amount && !order.shipping?.amount && !order.tax?.amount && !order.shippingMethod) {
    return '';
  }
  return row('subtotal', 'Subtotal', money(order.subtotal))
    + (order.discount?.amount ? row('discount', `Discount${order.discountCode ? ` (${esc(order.discountCode)})` : ''}`, `−${money(order.discount)}`) : '')
    + row('shipping', `Shipping${order.shippingMethodName ? ` (${esc(order.shippingMethodName)})` : ''}`, money(order.shipping))
    + (order.tax?.amount ? row('tax', order.taxIncluded ? `Including tax (${esc(order.taxRate)} %)` : `Tax (${esc(order.taxRate)} %)`, money(order.tax)) : '');
}

export async function renderOrder(root, { match: [orderId] }) {
  const headers = accessHeaders(orderId);
  root.innerHTML = `<h1>Order <span class="order-id">${esc(orderId.slice(0, 8))}</span></h1>
    <p class="order-status" role="status">Status: <strong class="status" data-status="">…</strong></p>
    <section class="payment-panel" hidden></section>
    <div class="order-details"></div>
    <div class="order-actions"></div>`;
  const status = root.querySelector('.status');
  const panel = root.querySelector('.payment-panel');
  const details = root.querySelector('.order-details');
  const actions = root.querySelector('.order-actions');
  let paymentShown = false;

  const show = (order) => {
    status.textContent = STATUS[order.status] ?? order.status;
    status.dataset.status = order.status;
    details.innerHTML = `<h2>Items</h2>
      <table class="lines"><thead><tr><th scope="col">Product</th><th scope="col">Quantity</th><th scope="col">Price</th><th scope="col">Total</th></tr></thead>
      <tbody>${order.lines.map((l) => `<tr><td>${esc(l.name)}</td><td>${esc(l.quantity)}</td><td>${money(l.unitPrice)}</td><td>${money(l.lineTotal)}</td></tr>`).join('')}</tbody>
      <tfoot>${breakdown(order)}<tr><th scope="row" colspan="3">Total</th><td class="total">${money(order.total)}</td></tr></tfoot></table>
      <h2>Shipping to</h2><address>${address(order.shippingAddress)}</address>
      <p class="dates">Placed ${esc(dateTime(order.createdAt))}${order.paidAt ? `, paid ${esc(dateTime(order.paidAt))}` : ''}${order.carrier ? `. Shipped with ${esc(order.carrier)}, tracking number ${esc(order.trackingNumber)}` : ''}.</p>
      ${order.refundedAmount?.amount ? `<p>Refunded: ${money(order.refundedAmount)}</p>` : ''}`;
    if (order.status === 'PENDING_PAYMENT') {
      if (!paymentShown) {
        paymentShown = true;
        panel.hidden = false;
        mountPayment(panel, order, headers);
        actions.innerHTML = '<button type="button" class="cancel secondary">Cancel this order</button><p class="cancel-error form-error" role="alert" hidden></p>';
        actions.querySelector('.cancel').addEventListener('click', (event) => whileBusy(event.currentTarget, 'Cancelling…', async () => {
          try {
            show(await api(`/api/orders/${encodeURIComponent(orderId)}/cancel`, { method: 'POST', headers, authenticated: true }));
          } catch (error) {
            const slot = actions.querySelector('.cancel-error');
            slot.textContent = describe(error);
            slot.hidden = false;
          }
        }));
      }
    } else {
      panel.hidden = true;
      panel.replaceChildren();
      actions.replaceChildren();
    }
  };

  return watchOrder(orderId, {
    headers,
    onOrder: show,
    onError: (error) => {
      const notFound = error instanceof ApiError && error.status === 404;
      root.innerHTML = `<h1>Order</h1><p class="form-error" role="alert">${notFound ? 'There is no such order.' : esc(describe(error))}</p>`;
    },
  });
}
