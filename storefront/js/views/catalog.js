// Browse: search, category, price range, sort and paging, all kept in the address (#/?q=...&page=1), so a
// result can be bookmarked and the back button works.
import { api } from '../api.js';
import { config } from '../../config.js';
import { formAlert, showProblem, values } from '../forms.js';
import { esc, fromMinorUnits, money, toMinorUnits } from '../format.js';
import { fallBackOnBrokenImages, productImage, shopConfig } from '../shop.js';

const SORTS = [
  ['', 'Best match'],
  ['name,asc', 'Name, A to Z'],
  ['price,asc', 'Price, low to high'],
  ['price,desc', 'Price, high to low'],
  ['createdAt,desc', 'Newest first'],
];

export function availability(available) {
  if (available <= 0) {
    return '<span class="stock out">Sold out</span>';
  }
  return available <= 5 ? `<span class="stock low">Only ${available} left</span>` : '<span class="stock">In stock</span>';
}

function categoryOptions(categories, selected) {
  const children = (parent) => categories.filter((c) => (c.parentSlug ?? null) === parent);
  const options = [];
  const walk = (parent, depth) => {
    for (const category of children(parent)) {
      const indent = '\u00a0\u00a0'.repeat(depth);
      options.push(`<option value="${esc(category.slug)}" ${category.slug === selected ? 'selected' : ''}>${indent}${esc(category.name)}</option>`);
      walk(category.slug, depth + 1);
    }
  };
  walk(null, 0);
  return options.join('');
}

export async function renderCatalog(root, { params }) {
  const [{ currency }, categories] = await Promise.all([shopConfig(), api('/api/categories')]);
  const query = new URLSearchParams();
  for (const name of ['q', 'category', 'minPrice', 'maxPrice', 'sort', 'page']) {
    if (params.get(name)) {
      query.set(name, params.get(name));
    }
  }
  query.set('size', String(config.pageSize));

  root.innerHTML = `<h1>Products</h1>
    <form class="filters" role="search" aria-label="Product filters" novalidate>
      <div class="field grow"><label for="filter-q">Search</label>
        <input id="filter-q" name="q" type="search" data-field="q" value="${esc(params.get('q'))}" aria-describedby="filter-q-error">
        <p class="field-error" id="filter-q-error" hidden></p></div>
      <div class="field"><label for="filter-category">Category</label>
        <select id="filter-category" name="category" data-field="category"><option value="">All categories</option>
          ${categoryOptions(categories, params.get('category'))}</select></div>
      <div class="field narrow"><label for="filter-min">Lowest price (${esc(currency)})</label>
        <input id="filter-min" name="minPrice" data-field="minPrice" inputmode="decimal" value="${esc(fromMinorUnits(params.get('minPrice'), currency))}" aria-describedby="filter-min-error">
        <p class="field-error" id="filter-min-error" hidden></p></div>
      <div class="field narrow"><label for="filter-max">Highest price (${esc(currency)})</label>
        <input id="filter-max" name="maxPrice" data-field="maxPrice" inputmode="decimal" value="${esc(fromMinorUnits(params.get('maxPrice'), currency))}" aria-describedby="filter-max-error">
        <p class="field-error" id="filter-max-error" hidden></p></div>
      <div class="field"><label for="filter-sort">Sort by</label>
        <select id="filter-sort" name="sort" data-field="sort">${SORTS.map(([value, label]) => `<option value="${value}" ${value === (params.get('sort') ?? '') ? 'selected' : ''}>${label}</option>`).join('')}</select></div>
      <div class="actions"><button type="submit">Show products</button></div>
      ${formAlert()}
    </form>
    <div class="results"><p class="loading">Loading products…</p></div>`;

  const form = root.querySelector('form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = values(form);
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(chosen)) {
      const sent = name === 'minPrice' || name === 'maxPrice' ? toMinorUnits(value, currency) : value;
      if (sent !== undefined && sent !== '') {
        next.set(name, String(sent));
      }
    }
    location.hash = `#/?${next}`;
  });

  const results = root.querySelector('.results');
  let page;
  try {
    page = await api(`/api/products?${query}`);
  } catch (error) {
    results.innerHTML = '';
    showProblem(form, error);
    return;
  }
  const { number, totalPages, totalElements } = page.page;
  const link = (to) => {
    const target = new URLSearchParams(params);
    target.set('page', String(to));
    return `#/?${target}`;
  };
  results.innerHTML = `
    <p class="result-count" role="status">${totalElements === 1 ? '1 product' : `${totalElements} products`}${totalPages > 1 ? `, page ${number + 1} of ${totalPages}` : ''}</p>
    ${page.content.length ? `<ul class="product-grid">${page.content.map((product) => `
      <li class="product-card" data-product="${esc(product.slug)}">
        ${productImage(product.imageUrl, product.name)}
        <h2><a href="#/products/${encodeURIComponent(product.slug)}">${esc(product.name)}</a></h2>
        <p class="price">${money(product.price)}</p>
        <p>${availability(product.available)}</p>
      </li>`).join('')}</ul>` : '<p>No products match. Try fewer words or another category.</p>'}
    ${totalPages > 1 ? `<nav class="pager" aria-label="Result pages">
      ${number > 0 ? `<a href="${link(number - 1)}" rel="prev">Previous page</a>` : ''}
      <span>Page ${number + 1} of ${totalPages}</span>
      ${number + 1 < totalPages ? `<a href="${link(number + 1)}" rel="next">Next page</a>` : ''}
    </nav>` : ''}`;
  fallBackOnBrokenImages(results);
}
