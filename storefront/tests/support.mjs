// What the browser tests share: where the API and the storefront are, the admin and customer set-up through the
// API itself, and steps that leave a screenshot each (kept when the test fails: see playwright.config.mjs).
import { test as base, expect } from '@playwright/test';

export const API = process.env.SHOP_API_URL ?? 'http://127.0.0.1:8080';
export const STOREFRONT = process.env.STOREFRONT_URL ?? 'http://127.0.0.1:8090';
const ADMIN = { email: process.env.SHOP_ADMIN_EMAIL ?? 'admin@shop.test', password: process.env.SHOP_ADMIN_PASSWORD ?? 'admin-password' };

let counter = 0;
/** A string no other run of the tests uses: for e-mails, SKUs, slugs and searchable names. */
export function unique() {
  counter += 1;
  return `${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
}

async function json(response, expected) {
  const body = await response.text();
  expect(response.status(), `${response.url()} answered ${body}`).toBe(expected);
  return body ? JSON.parse(body) : null;
}

class Shop {
  constructor(request) {
    this.request = request;
    this.adminToken = null;
  }

  async login(email, password) {
    const tokens = await json(await this.request.post(`${API}/api/auth/login`, { data: { email, password } }), 200);
    return tokens.accessToken;
  }

  async admin() {
    this.adminToken ??= await this.login(ADMIN.email, ADMIN.password);
    return { Authorization: `Bearer ${this.adminToken}` };
  }

  /** A new product on sale, found by its name's unique word. */
  async createProduct({ stock, price = 3900, name = 'Aurora lamp' }) {
    const id = unique();
    return json(await this.request.post(`${API}/api/admin/products`, {
      headers: await this.admin(),
      data: {
        sku: `SF-${id}`, slug: `aurora-lamp-${id}`, name: `${name} ${id}`, description: 'A lamp for the browser tests.',
        price, active: true, stock,
      },
    }), 201).then((product) => ({ ...product, word: id }));
  }

  /** A new product sold in sizes (S and M, each with its own SKU, price and stock), found by its name's unique word. */
  async createSizedProduct({ small = 3, medium = 5 } = {}) {
    const id = unique();
    return json(await this.request.post(`${API}/api/admin/products`, {
      headers: await this.admin(),
      data: {
        slug: `aurora-shirt-${id}`, name: `Aurora shirt ${id}`, description: 'A shirt in sizes for the browser tests.',
        price: 3900, active: true,
        options: [{ name: 'Size', values: ['S', 'M'] }],
        variants: [
          { sku: `SF-${id}-S`, optionValues: { Size: 'S' }, stock: small },
          { sku: `SF-${id}-M`, optionValues: { Size: 'M' }, price: 4200, stock: medium },
        ],
      },
    }), 201).then((product) => ({ ...product, word: id }));
  }

  /** A new discount code of the admin's making (unique name): `{ type, value, ... }` as the API takes it. */
  async createDiscountCode(members) {
    const code = `SF${unique()}`.toUpperCase();
    return json(await this.request.post(`${API}/api/admin/discount-codes`, {
      headers: await this.admin(), data: { code, ...members },
    }), 201);
  }

  async setStock(productId, onHand) {
    return json(await this.request.put(`${API}/api/admin/products/${productId}/stock`, {
      headers: await this.admin(), data: { onHand },
    }), 200);
  }

  /** A customer registered through the API (the UI registration has a test of its own). */
  async customer() {
    const id = unique();
    const customer = { name: `Browser Buyer ${id}`, email: `browser-${id}@shop.test`, password: `password-${id}` };
    await json(await this.request.post(`${API}/api/auth/register`, { data: customer }), 201);
    return customer;
  }

  async ordersOf({ email, password }) {
    const token = await this.login(email, password);
    const page = await json(await this.request.get(`${API}/api/orders?size=100`, {
      headers: { Authorization: `Bearer ${token}` },
    }), 200);
    return page.content;
  }

  async order(orderId) {
    return json(await this.request.get(`${API}/api/orders/${orderId}`, { headers: await this.admin() }), 200);
  }

  /** Opens the storefront at a route (#/...), told where the API is. */
  async open(page, route = '/') {
    await page.goto(`/?api=${encodeURIComponent(API)}#${route}`);
  }
}

export const test = base.extend({
  shop: async ({ request }, use) => {
    await use(new Shop(request));
  },
});

export { expect };

let screenshots = 0;

/**
 * A named step of a test. Its screenshot is taken when it ends, passed or failed, and attached to the test; the
 * files of passing tests are removed again, so a failure leaves the picture of every step up to the one that
 * failed (their paths are printed with the failure).
 */
export async function step(page, title, body) {
  return test.step(title, async () => {
    try {
      return await body();
    } finally {
      const info = test.info();
      const name = `${String(++screenshots).padStart(2, '0')}-${title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
      const path = info.outputPath(name);
      await page.screenshot({ path, fullPage: true }).then(
        () => info.attachments.push({ name: `step: ${title}`, path, contentType: 'image/png' }),
        () => {},
      );
    }
  });
}

/** Logs in through the storefront's own form. */
export async function logIn(page, shop, customer) {
  await shop.open(page, '/login');
  await page.getByLabel('E-mail', { exact: true }).fill(customer.email);
  await page.getByLabel('Password', { exact: true }).fill(customer.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText(`Signed in as ${customer.name}`)).toBeVisible();
}

/** Fills the checkout's shipping address (each value can be replaced). */
export async function fillAddress(page, overrides = {}) {
  const address = { 'Street and number': '1 Example Street', City: 'Berlin', 'Postal code': '10115', Country: 'DE', ...overrides };
  for (const [label, value] of Object.entries(address)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
}
