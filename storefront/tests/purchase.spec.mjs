// The whole purchase as a shopper makes it: search, add to the cart before having an account, register on the way
// to checkout (the cart comes along), place the order, pay, and watch the order turn PAID without a reload.
import { expect, fillAddress, step, test, unique } from './support.mjs';

test('a shopper registers on the way to checkout, pays and sees the order PAID without a reload', async ({ page, shop }) => {
  const product = await shop.createProduct({ stock: 20, price: 3900 });
  const id = unique();
  const shopper = { name: `Storefront Buyer ${id}`, email: `storefront-${id}@shop.test`, password: `password-${id}` };

  await step(page, 'search the catalog', async () => {
    await shop.open(page, '/');
    await page.getByLabel('Search').fill(`aurora ${product.word}`);
    await page.getByRole('button', { name: 'Show products' }).click();
    await expect(page.locator('.result-count')).toHaveText('1 product');
    await page.getByRole('link', { name: product.name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(product.name);
  });

  await step(page, 'add two to the cart before logging in', async () => {
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByRole('status')).toContainText(`Added 2 × ${product.name}`);
    await expect(page.locator('#cart-count')).toHaveText('2');
  });

  await step(page, 'register on the way to checkout', async () => {
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByRole('link', { name: 'create an account' }).click();
    await page.getByLabel('Name', { exact: true }).fill(shopper.name);
    await page.getByLabel('E-mail', { exact: true }).fill(shopper.email);
    await page.getByLabel('Password', { exact: true }).fill(shopper.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Checkout');
    await expect(page.getByText(`Signed in as ${shopper.name}`)).toBeVisible();
    // the anonymous cart was merged into the new customer's cart
    await expect(page.locator('.order-summary')).toContainText(`2 × ${product.name}`);
  });

  let orderId;
  await step(page, 'place the order', async () => {
    await fillAddress(page);
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page).toHaveURL(/#\/orders\/[0-9a-f-]{36}$/);
    orderId = page.url().split('/').pop();
    await expect(page.locator('.status')).toHaveText('Awaiting payment');
    await expect(page.locator('#cart-count')).toHaveText('0');
  });

  await step(page, 'pay with the test payment and see PAID arrive', async () => {
    await page.evaluate(() => { window.stillTheSamePage = true; });
    await page.getByRole('button', { name: /with a test payment/ }).click();
    await expect(page.locator('.status')).toHaveText('Paid', { timeout: 15_000 });
    await expect(page.locator('.status')).toHaveAttribute('data-status', 'PAID');
    expect(await page.evaluate(() => window.stillTheSamePage)).toBe(true);
  });

  const order = await shop.order(orderId);
  expect(order.status).toBe('PAID');
  expect(order.lines).toEqual([expect.objectContaining({ productId: product.id, quantity: 2 })]);

  if (process.env.STOREFRONT_SCREENSHOTS) {
    await page.screenshot({ path: `${process.env.STOREFRONT_SCREENSHOTS}/storefront-order-paid.png` });
  }
});
