// Browsing: the filters and paging of the storefront ask the API exactly what the shopper chose.
import { API, expect, step, test } from './support.mjs';

async function names(page) {
  return page.locator('.product-card h2').allTextContents();
}

test('search filters, sorting and paging show what the API lists', async ({ page, request, shop }) => {
  await step(page, 'socks from 15.00, cheapest first', async () => {
    await shop.open(page, '/');
    await page.getByLabel('Category').selectOption({ label: 'Socks' });
    await page.getByLabel('Lowest price (EUR)').fill('15');
    await page.getByLabel('Sort by').selectOption({ label: 'Price, low to high' });
    await page.getByRole('button', { name: 'Show products' }).click();
    await expect(page).toHaveURL(/category=socks/);
  });
  const expected = await (await request.get(`${API}/api/products?category=socks&minPrice=1500&sort=price,asc&size=12`)).json();
  expect(expected.content.length).toBeGreaterThan(1);
  await expect(page.locator('.product-card h2')).toHaveText(expected.content.map((p) => p.name));
  const prices = expected.content.map((p) => p.price.amount);
  expect(prices.every((amount) => amount >= 1500)).toBe(true);
  expect([...prices].sort((a, b) => a - b)).toEqual(prices);

  await step(page, 'all products, second page', async () => {
    await shop.open(page, '/?sort=name,asc');
    const first = await names(page);
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(page.locator('.result-count')).toContainText('page 2 of');
    const second = await names(page);
    expect(second.some((name) => first.includes(name))).toBe(false);
  });
  const page2 = await (await request.get(`${API}/api/products?sort=name,asc&size=12&page=1`)).json();
  await expect(page.locator('.product-card h2')).toHaveText(page2.content.map((p) => p.name));
  await page.getByRole('link', { name: 'Previous page' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.result-count')).toContainText('page 1 of');
});
