// A product sold in sizes: the shopper chooses a size, sees its price and availability, and the cart line says
// which variant it is (its SKU and options).
import { expect, step, test } from './support.mjs';

test('a shopper chooses a size, sees its price, and the cart shows the variant', async ({ page, shop }) => {
  const product = await shop.createSizedProduct({ small: 0, medium: 5 });

  await step(page, 'open the product: sizes to choose from', async () => {
    await shop.open(page, `/products/${product.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(product.name);
    await expect(page.getByLabel('Size')).toBeVisible();
  });

  await step(page, 'size S is sold out', async () => {
    await page.getByLabel('Size').selectOption('S');
    await expect(page.locator('.price')).toHaveText(/39[.,]00/);
    await expect(page.getByRole('button', { name: 'Add to cart' })).toBeDisabled();
  });

  await step(page, 'size M has its own price; add one', async () => {
    await page.getByLabel('Size').selectOption('M');
    await expect(page.locator('.price')).toHaveText(/42[.,]00/);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByRole('status')).toContainText(`Added 1 × ${product.name} (M)`);
    await expect(page.locator('#cart-count')).toHaveText('1');
  });

  await step(page, 'the cart line names the variant', async () => {
    await page.getByRole('link', { name: /^Cart/ }).click();
    const line = page.locator('.cart-line').filter({ hasText: product.name });
    await expect(line.locator('.line-options')).toHaveText('Size: M');
    await expect(line.locator('.line-sku')).toHaveText(`SKU SF-${product.word}-M`);
    await expect(line.locator('.unit-price')).toContainText(/42[.,]00/);
  });
});
