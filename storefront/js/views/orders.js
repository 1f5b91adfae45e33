// The customer's orders, newest first.
import { api } from '../api.js';
import { dateTime, esc, money } from '../format.js';
import { session } from '../session.js';
import { STATUS } from './order.js';

export async function renderOrders(root) {
  if (!session.signedIn) {
    root.innerHTML = '<h1>Your orders</h1><p>Please <a href="#/login?returnTo=/orders">log in</a> to see your orders.</p>';
    return;
  }
  const page = await api('/api/orders?size=50', { authenticated: true, cache: 'no-store' });
  root.innerHTML = `<h1>Your orders</h1>${page.content.length ? `<table class="orders">
      <thead><tr><th scope="col">Order</th><th scope="col">Placed</th><th scope="col">Status</th><th scope="col">Total</th></tr></thead>
      <tbody>${page.content.map((o) => `<tr><td><a href="#/orders/${esc(o.id)}">${esc(o.id.slice(0, 8))}</a></td>
        <td>${esc(dateTime(o.createdAt))}</td><td>${esc(STATUS[o.status] ?? o.status)}</td><td>${money(o.total)}</td></tr>`).join('')}</tbody>
    </table>` : '<p>No orders yet.</p>'}`;
}
