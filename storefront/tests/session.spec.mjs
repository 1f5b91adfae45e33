// Tokens as docs/storefront.md describes them: the access token only in memory, the refresh token in this tab's
// sessionStorage; a reload and an expired access token are both answered with a refresh, once.
import { API, expect, logIn, step, test } from './support.mjs';

test('the access token stays in memory, a reload and a 401 are answered with one refresh each', async ({ page, shop }) => {
  const customer = await shop.customer();
  await step(page, 'log in', () => logIn(page, shop, customer));

  const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
  expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT anywhere in storage
  expect(JSON.parse(stored).session['shop.refreshToken']).toBeTruthy();

  const refreshes = [];
  page.on('request', (request) => {
    if (request.url() === `${API}/api/auth/refresh`) {
      refreshes.push(request);
    }
  });
  await step(page, 'reload the page', async () => {
    await page.reload();
    await expect(page.getByText(`Signed in as ${customer.name}`)).toBeVisible();
  });
  expect(refreshes).toHaveLength(1);

  // the next request carries an access token the API no longer accepts (as after its 15 minutes)
  let replaced = false;
  await page.route(`${API}/api/carts/mine`, async (route) => {
    if (replaced) {
      await route.continue();
      return;
    }
    replaced = true;
    await route.continue({ headers: { ...route.request().headers(), authorization: 'Bearer expired.token.value' } });
  });
  await step(page, 'open the cart with an expired token', async () => {
    await page.getByRole('link', { name: /^Cart/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your cart');
    await expect(page.getByText('Your cart is empty')).toBeVisible();
  });
  expect(replaced).toBe(true);
  expect(refreshes).toHaveLength(2);
  await expect(page.getByText(`Signed in as ${customer.name}`)).toBeVisible();
});
