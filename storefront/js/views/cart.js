// The cart: lines priced now by the API, quantities changed or removed, and the way to checkout.
import { config } from '../../config.js';
import { ApiError } from '../api.js';
import { changeQuantity, currentCart, removeLine } from '../cart.js';
import { describe, field, formAlert, markInvalid, showProblem, values, whileBusy } from '../forms.js';
import { esc, money } from '../format.js';
import { session } from '../session.js';
import { stockMessage } from './product.js';

function line(item) {
  return `<li class="cart-line ${item.available ? '' : 'unavailable'}" data-item="${esc(item.id)}">
    <div class="line-name"><a href="#/products/${encodeURIComponent(item.productId)}">${esc(item.name)}</a>
      ${item.available ? '' : '<p class="stock out">No longer on sale: remove it to check out.</p>'}
      <p class="unit-price">${money(item.unitPrice)} each</p></div>
    <form class="line-form" novalidate aria-label="${esc(item.name)}">
      ${field({ label: `Quantity of ${item.name}`, name: 'quantity', type: 'number', value: String(item.quantity), attrs: 'min="0" max="99" inputmode="numeric" class="quantity"' })}
      <button type="submit">Update</button>
      <button type="button" class="remove secondary">Remove</button>
      ${formAlert()}
    </form>
    <p class="line-total">${money(item.lineTotal)}</p>
  </li>`;
}

export async function renderCart(root) {
  const cart = await currentCart();
  if (!cart || cart.items.length === 0) {
    root.innerHTML = '<h1>Your cart</h1><p>Your cart is empty. <a href="#/">Find something you like</a>.</p>';
    return;
  }
  const checkout = session.signedIn
    ? '<a class="button" href="#/checkout">Check out</a>'
    : config.guestCheckout
      ? '<p><a class="button" href="#/checkout">Check out</a> as a guest, or <a href="#/login?returnTo=/checkout">log in</a> or <a href="#/register?returnTo=/checkout">create an account</a> first.</p>'
      : '<p><a class="button" href="#/login?returnTo=/checkout">Log in to check out</a> or <a href="#/register?returnTo=/checkout">create an account</a>.</p>';
  root.innerHTML = `<h1>Your cart</h1>
    <ul class="cart-lines">${cart.items.map(line).join('')}</ul>
    <p class="subtotal">Subtotal (${cart.itemCount} ${cart.itemCount === 1 ? 'item' : 'items'}): <strong>${money(cart.subtotal)}</strong></p>
    <p class="cart-status" role="status"></p>
    ${cart.checkoutReady ? checkout : '<p class="form-error">Remove the products that are no longer on sale to check out.</p>'}`;

  const status = root.querySelector('.cart-status');
  const rerender = async (message) => {
    await renderCart(root);
    root.querySelector('.cart-status').textContent = message;
  };
  root.querySelectorAll('.cart-line').forEach((element) => {
    const itemId = element.dataset.item;
    const form = element.querySelector('form');
    const item = cart.items.find((candidate) => candidate.id === itemId);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const quantity = Number(values(form).quantity);
      await whileBusy(form.querySelector('button[type=submit]'), 'Updating…', async () => {
        try {
          await changeQuantity(cart.id, itemId, quantity);
          await rerender(quantity === 0 ? `${item.name} removed.` : `${item.name}: quantity ${quantity}.`);
        } catch (error) {
          if (error instanceof ApiError && error.type === 'insufficient-stock') {
            const control = form.querySelector('[data-field="quantity"]');
            markInvalid(control, stockMessage({ ...error.problem, requested: quantity }, quantity));
            control.focus();
          } else {
            showProblem(form, error);
          }
        }
      });
    });
    form.querySelector('.remove').addEventListener('click', async (event) => {
      await whileBusy(event.currentTarget, 'Removing…', async () => {
        try {
          await removeLine(cart.id, itemId);
          await rerender(`${item.name} removed.`);
        } catch (error) {
          status.textContent = describe(error);
        }
      });
    });
  });
}
