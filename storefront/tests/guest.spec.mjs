// A guest purchase (API: "Guest checkout"): no account, an anonymous cart checked out with an e-mail, the order
// page opened with the order's access key (kept in sessionStorage for this tab, sent as Order-Access-Key), paid,
// and PAID seen without a reload; the key opens nothing else and is never stored beyond the tab.
import { API, expect, fillAddress, step, test, unique } from './support.mjs';

test('a guest buys without an account, pays and sees the order PAID', async ({ page, shop, request }) => {
  const product = await shop.createProduct({ stock: 10, price: 2500 });
  const email = `guest-${unique()}@shop.test`;
  const sentToOrders = [];
  page.on('request', (r) => {
    // the order's event stream is opened with a ticket in the URL (EventSource sends no headers), never a key
    if (r.url().startsWith(`${API}/api/orders/`) && !/\/events\?ticket=/.test(r.url())) {
      sentToOrders.push(r.headers());
    }
  });

  await step(page, 'add to the cart without an account', async () => {
    await shop.open(page, '/');
    await page.getByLabel('Search').fill(`aurora ${product.word}`);
    await page.getByRole('button', { name: 'Show products' }).click();
    await page.getByRole('link', { name: product.name }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.locator('#cart-count')).toHaveText('1');
  });

  let orderId;
  await step(page, 'check out as a guest with an e-mail', async () => {
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByRole('link', { name: 'Check out' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Checkout');
    await expect(page.locator('.guest-note')).toContainText('Checking out as a guest');
    await page.getByLabel('E-mail (for the order confirmation)').fill(email);
    await page.getByLabel('Full name').fill('Guest Shopper');
    await fillAddress(page);
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page).toHaveURL(/#\/orders\/[0-9a-f-]{36}$/);
    orderId = page.url().split('/').pop();
    await expect(page.locator('.status')).toHaveText('Awaiting payment');
    await expect(page.locator('#cart-count')).toHaveText('0');
  });

  const key = await page.evaluate((id) => JSON.parse(sessionStorage.getItem('shop.orderAccessKeys') ?? '{}')[id], orderId);
  expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(key);

  await step(page, 'pay with the test payment and see PAID arrive', async () => {
    await page.getByRole('button', { name: /with a test payment/ }).click();
    await expect(page.locator('.status')).toHaveText('Paid', { timeout: 15_000 });
  });

  await step(page, 'the order page opens again after a reload (the key is kept for the tab)', async () => {
    await page.reload();
    await expect(page.locator('.status')).toHaveText('Paid');
  });

  // the page sent the key, never a token; the API opens the order with it and with nothing else
  expect(sentToOrders.length).toBeGreaterThan(0);
  expect(sentToOrders.every((h) => h['order-access-key'] === key && !h.authorization)).toBe(true);
  const withKey = await request.get(`${API}/api/orders/${orderId}`, { headers: { 'Order-Access-Key': key } });
  expect(withKey.status()).toBe(200);
  expect(await withKey.json()).toEqual(expect.objectContaining({ status: 'PAID', guest: true, email }));
  expect((await request.get(`${API}/api/orders/${orderId}`, { headers: { 'Order-Access-Key': 'not-the-key' } })).status()).toBe(404);
  expect((await shop.order(orderId)).status).toBe('PAID');
});
