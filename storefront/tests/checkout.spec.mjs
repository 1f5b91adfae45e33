// Exactly one order and one payment, however the shopper clicks and whatever the network does: the buttons are
// disabled while their request runs, and a checkout attempt keeps its Idempotency-Key across retries.
import { API, expect, fillAddress, logIn, step, test } from './support.mjs';

async function readyToCheckOut(page, shop) {
  const customer = await shop.customer();
  const product = await shop.createProduct({ stock: 10, price: 2500 });
  await logIn(page, shop, customer);
  await shop.open(page, `/products/${product.slug}`);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.locator('#cart-count')).toHaveText('1');
  await shop.open(page, '/checkout');
  await fillAddress(page);
  return { customer, product };
}

function checkoutKeys(page) {
  const keys = [];
  page.on('request', (request) => {
    if (request.url() === `${API}/api/checkout` && request.method() === 'POST') {
      keys.push(request.headers()['idempotency-key']);
    }
  });
  return keys;
}

test('a double-click on Place order and on Pay makes one order and one payment', async ({ page, shop }) => {
  const { customer } = await step(page, 'log in and fill the cart', () => readyToCheckOut(page, shop));
  const keys = checkoutKeys(page);

  await step(page, 'double-click Place order', async () => {
    await page.getByRole('button', { name: 'Place order' }).dblclick();
    await expect(page).toHaveURL(/#\/orders\/[0-9a-f-]{36}$/);
    await expect(page.locator('.status')).toHaveText('Awaiting payment');
  });
  expect(keys.length).toBeGreaterThanOrEqual(1);
  expect(new Set(keys).size).toBe(1);
  const orders = await shop.ordersOf(customer);
  expect(orders).toHaveLength(1);

  const payments = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${API}/dev/stripe/`)) {
      payments.push(request.url());
    }
  });
  await step(page, 'double-click Pay', async () => {
    await page.getByRole('button', { name: /with a test payment/ }).dblclick();
    await expect(page.locator('.status')).toHaveText('Paid', { timeout: 15_000 });
  });
  expect(payments).toHaveLength(1);
  expect((await shop.ordersOf(customer)).map((o) => o.status)).toEqual(['PAID']);
});

test('a retry after a lost answer sends the same Idempotency-Key and places one order', async ({ page, shop }) => {
  const { customer } = await step(page, 'log in and fill the cart', () => readyToCheckOut(page, shop));
  const keys = checkoutKeys(page);
  let placed = null;
  // the first checkout reaches the API and is carried out, but its answer is lost on the way back
  await page.route(`${API}/api/checkout`, async (route) => {
    if (placed) {
      await route.continue();
      return;
    }
    const response = await route.fetch();
    placed = await response.json();
    await route.abort('connectionreset');
  });

  await step(page, 'the answer is lost', async () => {
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.locator('.form-error')).toContainText('may or may not have been placed');
    await expect(page.getByRole('button', { name: 'Place order' })).toBeEnabled();
  });
  expect(placed.orderId).toBeTruthy();

  await step(page, 'press Place order again', async () => {
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page).toHaveURL(new RegExp(`#/orders/${placed.orderId}$`));
  });
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect((await shop.ordersOf(customer)).map((o) => o.id)).toEqual([placed.orderId]);
});
