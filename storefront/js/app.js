// The storefront is one page with hash routes (#/products/slug, #/cart, ...): the access token can then stay in
// memory for the whole visit instead of being refreshed on every page load. Each view renders into a fresh
// element and may return a function that stops what it started (the order page's status watch).
import { config } from '../config.js';
import { currentCart } from './cart.js';
import { describe } from './forms.js';
import { esc } from './format.js';
import { logout, restoreSession, session } from './session.js';
import { renderCart } from './views/cart.js';
import { renderCatalog } from './views/catalog.js';
import { renderCheckout } from './views/checkout.js';
import { renderLogin, renderRegister } from './views/account.js';
import { renderOrder } from './views/order.js';
import { renderOrders } from './views/orders.js';
import { renderProduct } from './views/product.js';

const routes = [
  [/^\/$/, renderCatalog, 'catalog'],
  [/^\/products\/([^/]+)$/, renderProduct, 'catalog'],
  [/^\/cart$/, renderCart, 'cart'],
  [/^\/login$/, renderLogin, null],
  [/^\/register$/, renderRegister, null],
  [/^\/checkout$/, renderCheckout, 'cart'],
  [/^\/orders$/, renderOrders, 'orders'],
  [/^\/orders\/([^/]+)$/, renderOrder, 'orders'],
];

const main = document.getElementById('main');
let navigation = 0;
let stopView = null;

/** `#/path?query` as { path, params }. */
export function currentRoute() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { path: path.split('/').map(decodeURIComponent).join('/') || '/', params: new URLSearchParams(query) };
}

export function go(path) {
  location.hash = `#${path}`;
}

async function show({ focus = true } = {}) {
  const current = ++navigation;
  stopView?.();
  stopView = null;
  const { path, params } = currentRoute();
  const [pattern, render, nav] = routes.find(([candidate]) => candidate.test(path)) ?? [];
  const root = document.createElement('div');
  main.replaceChildren(root);
  document.querySelectorAll('[data-nav]').forEach((link) => {
    if (link.dataset.nav === nav) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
  if (!render) {
    root.innerHTML = '<h1>Not found</h1><p>There is no such page. <a href="#/">See the products</a>.</p>';
    return;
  }
  main.setAttribute('aria-busy', 'true');
  root.innerHTML = '<p class="loading">Loading…</p>';
  try {
    const stop = await render(root, { params, match: path.match(pattern).slice(1) });
    if (current !== navigation) {
      stop?.();
      return;
    }
    stopView = stop ?? null;
  } catch (error) {
    if (current === navigation) {
      root.innerHTML = `<h1>Sorry</h1><p class="form-error" role="alert">${esc(describe(error))}</p>`;
    }
  } finally {
    if (current === navigation) {
      main.removeAttribute('aria-busy');
      const heading = root.querySelector('h1');
      document.title = heading ? `${heading.textContent} · Shop` : 'Shop';
      if (focus) {
        // a screen reader hears the new page's heading, a keyboard user continues from the top of it
        heading?.setAttribute('tabindex', '-1');
        (heading ?? main).focus({ preventScroll: false });
      }
    }
  }
}

function renderAccount() {
  const account = document.getElementById('account');
  document.getElementById('orders-link').hidden = !session.signedIn;
  if (session.signedIn) {
    account.innerHTML = `<span class="who">Signed in as <strong>${esc(session.customer.name || session.customer.email)}</strong></span>
      <button type="button" class="link-button" id="logout">Log out</button>`;
    account.querySelector('#logout').addEventListener('click', async () => {
      await logout();
      go('/');
    });
  } else {
    account.innerHTML = '<a href="#/login">Log in</a> <a href="#/register">Register</a>';
  }
}

function renderCartCount(cart) {
  const count = cart?.itemCount ?? 0;
  document.getElementById('cart-count').textContent = String(count);
}

async function start() {
  document.getElementById('api-origin').textContent = `API: ${config.apiBase}`;
  document.addEventListener('shop:session', () => {
    renderAccount();
    currentCart().catch(() => renderCartCount(null));
  });
  document.addEventListener('shop:cart', (event) => renderCartCount(event.detail));
  // Stripe sends the shopper back here after a redirecting payment method: ?order=<id>
  const returning = new URLSearchParams(location.search).get('order');
  if (returning) {
    history.replaceState(null, '', `${location.pathname}#/orders/${encodeURIComponent(returning)}`);
  }
  await restoreSession();
  renderAccount();
  currentCart().catch(() => renderCartCount(null));
  window.addEventListener('hashchange', () => show());
  await show({ focus: false });
}

start();
