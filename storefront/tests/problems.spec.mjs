// The API's problem details reach the shopper where they belong: a field's message at that field, stock problems
// in words, and nothing placed when the API said no.
import { expect, fillAddress, logIn, step, test, unique } from './support.mjs';

test('a too short password is refused at the password field', async ({ page, shop }) => {
  await step(page, 'register with a short password', async () => {
    await shop.open(page, '/register');
    await page.getByLabel('Name', { exact: true }).fill('Short Password');
    await page.getByLabel('E-mail', { exact: true }).fill(`short-${unique()}@shop.test`);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
  });
  const password = page.getByLabel('Password', { exact: true });
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription(/between 8 and 72 characters/);
  await expect(password).toBeFocused();
  await expect(page.getByLabel('E-mail', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Create account' })).toBeEnabled();
});

test('checkout shows a missing postal code and a wrong country at their fields and places nothing', async ({ page, shop }) => {
  const customer = await shop.customer();
  const product = await shop.createProduct({ stock: 5 });
  await step(page, 'log in and fill the cart', async () => {
    await logIn(page, shop, customer);
    await shop.open(page, `/products/${product.slug}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.locator('#cart-count')).toHaveText('1');
  });
  await step(page, 'check out with a bad address', async () => {
    await shop.open(page, '/checkout');
    await fillAddress(page, { 'Postal code': '', Country: 'de' });
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByLabel('Postal code')).toHaveAttribute('aria-invalid', 'true');
  });
  await expect(page.getByLabel('Postal code')).toHaveAccessibleDescription(/blank|empty/);
  await expect(page.getByLabel('Country')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Country')).toHaveAccessibleDescription(/ISO 3166-1 alpha-2/);
  await expect(page.getByLabel('City')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.form-error')).toHaveText('Please correct the marked fields.');
  expect(await shop.ordersOf(customer)).toHaveLength(0);
});

test('asking for more than is in stock shows the 409 at the quantity', async ({ page, shop }) => {
  const product = await shop.createProduct({ stock: 5 });
  await shop.setStock(product.id, 1);
  await step(page, 'add two of a product with one left', async () => {
    await shop.open(page, `/products/${product.slug}`);
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
  });
  const quantity = page.getByLabel('Quantity');
  await expect(quantity).toHaveAttribute('aria-invalid', 'true');
  await expect(quantity).toHaveAccessibleDescription('Not enough stock: only 1 available, and you asked for 2.');
  await expect(page.locator('#cart-count')).toHaveText('0');
});

test('stock sold elsewhere before checkout: the 409 names the product and nothing is ordered', async ({ page, shop }) => {
  const customer = await shop.customer();
  const product = await shop.createProduct({ stock: 3 });
  await step(page, 'put two in the cart', async () => {
    await logIn(page, shop, customer);
    await shop.open(page, `/products/${product.slug}`);
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.locator('#cart-count')).toHaveText('2');
  });
  await shop.setStock(product.id, 1);
  await step(page, 'check out after the stock went down', async () => {
    await shop.open(page, '/checkout');
    await fillAddress(page);
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByRole('alert')).toContainText(`only 1 of “${product.name}” left (you want 2)`);
  });
  await expect(page.getByRole('link', { name: 'Change your cart' })).toBeVisible();
  expect(await shop.ordersOf(customer)).toHaveLength(0);
});
