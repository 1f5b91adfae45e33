// The order page follows the order live: it asks for a ticket, opens the order's event stream with an
// EventSource, and shows PAID when the stream says so, without a reload and without asking for the order again.
import { API, expect, fillAddress, logIn, step, test } from './support.mjs';

test('the order page shows PAID from the order event stream, without a reload or a poll', async ({ page, shop }) => {
  const customer = await shop.customer();
  const product = await shop.createProduct({ stock: 10, price: 1900 });
  await logIn(page, shop, customer);
  await shop.open(page, `/products/${product.slug}`);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.locator('#cart-count')).toHaveText('1');
  await shop.open(page, '/checkout');
  await fillAddress(page);

  const streams = [];
  const orderReads = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/^\/api\/orders\/[0-9a-f-]{36}\/events$/.test(url.pathname) && request.method() === 'GET') {
      streams.push(url);
    } else if (/^\/api\/orders\/[0-9a-f-]{36}$/.test(url.pathname) && request.method() === 'GET') {
      orderReads.push(url);
    }
  });

  let orderId;
  await step(page, 'place the order: the page opens its event stream with a ticket', async () => {
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page).toHaveURL(/#\/orders\/[0-9a-f-]{36}$/);
    orderId = page.url().split('/').pop();
    await expect(page.locator('.status')).toHaveText('Awaiting payment');
    await expect.poll(() => streams.length).toBeGreaterThanOrEqual(1);
    expect(streams[0].origin).toBe(API);
    expect(streams[0].pathname).toBe(`/api/orders/${orderId}/events`);
    // a ticket, never the access token, in the URL
    expect(streams[0].searchParams.get('ticket')).toMatch(/^[A-Za-z0-9_-]{75}$/);
  });

  await step(page, 'pay: PAID arrives through the stream', async () => {
    const readsBefore = orderReads.length;
    await page.evaluate(() => { window.stillTheSamePage = true; });
    await page.getByRole('button', { name: /with a test payment/ }).click();
    await expect(page.locator('.status')).toHaveText('Paid', { timeout: 15_000 });
    expect(await page.evaluate(() => window.stillTheSamePage)).toBe(true);
    // nobody polled the order: the new status came from the stream
    expect(orderReads.length).toBe(readsBefore);
  });

  expect((await shop.order(orderId)).status).toBe('PAID');
});
