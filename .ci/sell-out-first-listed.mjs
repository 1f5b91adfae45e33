// Makes the dev database look lived-in before http-examples/*.http run: every product a listing shows first
// (the first 50 by price, by name, newest first, and in the default order) is sold out, with what is reserved
// left reserved. The example files must then create or select what they rely on, available stock included.
// Usage: node .ci/sell-out-first-listed.mjs http://127.0.0.1:8080 admin@shop.test admin-password
const [host, email, password] = process.argv.slice(2);
if (!host || !email || !password) {
    console.error('usage: node .ci/sell-out-first-listed.mjs <host> <admin e-mail> <admin password>');
    process.exit(2);
}

async function call(method, path, token, body) {
    const response = await fetch(host + path, {
        method,
        headers: {
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
            ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) {
        throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    return text ? JSON.parse(text) : null;
}

const login = await call('POST', '/api/auth/login', null, { email, password });
const token = login.accessToken;
const ids = new Set();
for (const sort of ['price,asc', 'name', 'createdAt,desc', '']) {
    const page = await call('GET', `/api/products?size=50${sort ? `&sort=${sort}` : ''}`);
    page.content.forEach((product) => ids.add(product.id));
}
for (const id of ids) {
    // stock lives on variants: every variant of the product is sold out (a plain product has exactly one)
    const product = await call('GET', `/api/admin/products/${id}`, token);
    for (const variant of product.variants) {
        await call('PUT', `/api/admin/products/${id}/variants/${variant.id}/stock`, token,
            { onHand: variant.stock.reserved });
    }
}
console.log(`Sold out the ${ids.size} products listed first`);
