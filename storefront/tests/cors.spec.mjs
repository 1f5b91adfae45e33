// CORS for real: the storefront's origin may read the API (and the dev run's payment trigger); a page served from
// an origin the API does not know may send requests but never read an answer.
import http from 'node:http';
import { API, STOREFRONT, expect, step, test } from './support.mjs';

let foreign;
let foreignOrigin;

test.beforeAll(async () => {
  foreign = http.createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Another site</title><h1>Another site</h1>');
  });
  await new Promise((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  foreignOrigin = `http://127.0.0.1:${foreign.address().port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => foreign.close(resolve));
});

/** In the page: reads the API or says why not. */
function tryToRead(page, path, init = {}) {
  return page.evaluate(async ({ url, options }) => {
    try {
      const response = await fetch(url, options);
      return `read ${response.status}`;
    } catch (error) {
      return `refused: ${error.name}`;
    }
  }, { url: `${API}${path}`, options: init });
}

const login = {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ email: 'nobody@shop.test', password: 'not-the-password' }),
};

test('a page from an origin that is not configured cannot read the API; the storefront can', async ({ page, request, shop }) => {
  await step(page, 'from another origin', async () => {
    await page.goto(foreignOrigin);
    expect(await tryToRead(page, '/api/products?size=1')).toBe('refused: TypeError');
    expect(await tryToRead(page, '/api/auth/login', login)).toBe('refused: TypeError');
    expect(await tryToRead(page, '/dev/payments/no-such-reference')).toBe('refused: TypeError');
  });

  await step(page, 'from the storefront', async () => {
    await shop.open(page, '/');
    expect(await tryToRead(page, '/api/products?size=1')).toBe('read 200');
    expect(await tryToRead(page, '/api/auth/login', login)).toBe('read 401');
    expect(await tryToRead(page, '/dev/payments/no-such-reference')).toBe('read 404');
  });

  // what the browser saw: the API answers CORS for the storefront's origin only
  const headers = async (origin) => (await request.get(`${API}/api/products?size=1`, { headers: { Origin: origin } })).headers();
  expect((await headers(STOREFRONT))['access-control-allow-origin']).toBe(STOREFRONT);
  expect((await headers(foreignOrigin))['access-control-allow-origin']).toBeUndefined();
  const preflight = await request.fetch(`${API}/api/checkout`, {
    method: 'OPTIONS',
    headers: { Origin: foreignOrigin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key' },
  });
  expect(preflight.headers()['access-control-allow-origin']).toBeUndefined();
});
