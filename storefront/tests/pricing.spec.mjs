// Shipping methods, tax and a discount code at checkout (API: "Totals: shipping, tax and discount codes"): the
// storefront offers the country's methods, shows the quote before the order is placed, marks a code that does not
// apply at its field, and the order charges what the quote said. The dev run's demo data ships to DE (standard,
// 4.90, free from 50.00; express, 9.90) with 19 % tax.
import { expect, fillAddress, logIn, step, test } from './support.mjs';

test('a shopper picks a shipping method and a discount code, sees the quote, and the order charges it', async ({ page, shop }) => {
  const customer = await shop.customer();
  const product = await shop.createProduct({ stock: 10, price: 2500 });
  const code = await shop.createDiscountCode({ type: 'PERCENTAGE', value: 10 });

  await step(page, 'log in and fill the cart', async () => {
    await logIn(page, shop, customer);
    await shop.open(page, `/products/${product.slug}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.locator('#cart-count')).toHaveText('1');
  });

  await step(page, 'the address in DE offers its shipping methods and a quote', async () => {
    await shop.open(page, '/checkout');
    await fillAddress(page);
    await expect(page.getByRole('radio', { name: /Standard delivery/ })).toBeChecked();
    await expect(page.getByRole('radio', { name: /Express delivery/ })).toBeVisible();
    // 25.00 + 4.90 shipping + 19 % tax (4.75 + 0.93)
    await expect(page.locator('.quote .quote-total')).toContainText('35.58');
  });

  await step(page, 'a code that does not exist is marked at its field', async () => {
    await page.getByLabel('Discount code (optional)').fill('NO-SUCH-CODE');
    await page.getByLabel('Discount code (optional)').press('Tab');
    await expect(page.getByLabel('Discount code (optional)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Discount code (optional)')).toHaveAccessibleDescription(/no active discount code/);
  });

  await step(page, 'express and the code: the quote before the order', async () => {
    await page.getByRole('radio', { name: /Express delivery/ }).check();
    await page.getByLabel('Discount code (optional)').fill(code.code.toLowerCase());
    await page.getByLabel('Discount code (optional)').press('Tab');
    await expect(page.getByLabel('Discount code (optional)')).not.toHaveAttribute('aria-invalid', 'true');
    // 25.00 - 2.50 + 9.90 + 19 % tax (of 22.50: 4.275 -> 4.28; of 9.90: 1.881 -> 1.88) = 38.56
    await expect(page.locator('.quote .quote-subtotal')).toContainText('25.00');
    await expect(page.locator('.quote .quote-discount')).toContainText('2.50');
    await expect(page.locator('.quote .quote-shipping')).toContainText('9.90');
    await expect(page.locator('.quote .quote-tax')).toContainText('6.16');
    await expect(page.locator('.quote .quote-total')).toContainText('38.56');
  });

  let orderId;
  await step(page, 'place the order: it charges the quote', async () => {
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page).toHaveURL(/#\/orders\/[0-9a-f-]{36}$/);
    orderId = page.url().split('/').pop();
    await expect(page.locator('.lines .total')).toContainText('38.56');
    await expect(page.locator('.lines .shipping')).toContainText('9.90');
    await expect(page.locator('.lines .discount')).toContainText('2.50');
  });

  const order = await shop.order(orderId);
  expect(order).toMatchObject({
    subtotal: { amount: 2500 }, discount: { amount: 250 }, shipping: { amount: 990 }, tax: { amount: 616 },
    total: { amount: 3856 }, shippingMethod: 'express', discountCode: code.code,
  });
});
