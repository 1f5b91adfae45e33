// One product: images, description, availability, a choice of options for a product with variants (the chosen
// variant's price and availability shown as the choice changes), and "Add to cart".
import { api, ApiError } from '../api.js';
import { addToCart } from '../cart.js';
import { clearProblems, field, formAlert, markInvalid, showProblem, values, whileBusy } from '../forms.js';
import { esc, money } from '../format.js';
import { fallBackOnBrokenImages, imageSource, productImage } from '../shop.js';
import { availability } from './catalog.js';

/** Variants (API: "Variants and images"): one choice per option; a product without options has none to show. */
function optionPickers(product) {
  if (!product.options?.length) {
    return '';
  }
  return product.options.map((option, index) => `<div class="field">
      <label for="option-${index}">${esc(option.name)}</label>
      <select id="option-${index}" name="option:${esc(option.name)}" data-field="variantId">
        ${option.values.map((value) => `<option>${esc(value)}</option>`).join('')}
      </select></div>`).join('');
}

function chosenVariant(product, chosen) {
  if (!product.options?.length || !product.variants?.length) {
    return null;
  }
  return product.variants.find((variant) => Object.entries(variant.optionValues)
    .every(([name, value]) => chosen[`option:${name}`] === value)) ?? null;
}

function gallery(product) {
  if (product.images?.length) {
    return `<div class="gallery">${product.images.map((image) => `<img class="product-photo" src="${esc(imageSource(image.url))}" alt="${esc(image.alt ?? '')}" data-tile="${esc(product.name.charAt(0))}">`).join('')}</div>`;
  }
  return productImage(product.imageUrl, product.name, 'product-photo');
}

/** The sentence for a 409 insufficient-stock problem of the cart: how many there are, how many were asked for. */
export function stockMessage(problem, adding) {
  const already = problem.requested - adding;
  if (problem.available <= 0) {
    return 'Sorry, this product is sold out.';
  }
  return `Not enough stock: only ${problem.available} available, and you asked for ${problem.requested}`
    + (already > 0 ? ` (${already} already in your cart).` : '.');
}

export async function renderProduct(root, { match: [slug] }) {
  // no-cache: the browser may keep the page, but asks the API (an ETag, so usually a 304) whether it changed
  const product = await api(`/api/products/${encodeURIComponent(slug)}`, { cache: 'no-cache' });
  root.innerHTML = `<article class="product">
      ${gallery(product)}
      <div class="product-info">
        <h1>${esc(product.name)}</h1>
        <p class="price">${money(product.price)}</p>
        <p class="availability">${availability(product.availableQuantity ?? product.available)}</p>
        <p>${esc(product.description)}</p>
        <form class="add-to-cart" novalidate aria-label="Add to cart">
          ${optionPickers(product)}
          ${field({ label: 'Quantity', name: 'quantity', type: 'number', value: '1', attrs: 'min="1" max="99" inputmode="numeric" class="quantity"' })}
          <div class="actions"><button type="submit" ${product.available > 0 ? '' : 'disabled'}>Add to cart</button></div>
          ${formAlert()}
          <p class="confirmation" role="status"></p>
        </form>
      </div>
    </article>
    <p><a href="#/">Back to the products</a></p>`;
  fallBackOnBrokenImages(root, 'product-photo');

  const form = root.querySelector('form');
  const button = form.querySelector('button[type=submit]');
  // a product with options: the chosen variant's price and availability (none sold: not available)
  const showChoice = () => {
    if (!product.options?.length) {
      return;
    }
    const variant = chosenVariant(product, values(form));
    root.querySelector('.price').textContent = variant ? money(variant.price) : money(product.price);
    root.querySelector('.availability').innerHTML = variant ? availability(variant.available)
      : 'This combination is not available.';
    button.disabled = !variant || variant.available <= 0;
  };
  form.querySelectorAll('select[name^="option:"]').forEach((select) => select.addEventListener('change', showChoice));
  showChoice();
  const confirmation = form.querySelector('.confirmation');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) {
      return;
    }
    const chosen = values(form);
    const quantity = Number(chosen.quantity);
    clearProblems(form);
    confirmation.textContent = '';
    await whileBusy(button, 'Adding…', async () => {
      try {
        const variant = chosenVariant(product, chosen);
        await addToCart({ productId: product.id, variantId: variant?.id }, Number.isInteger(quantity) ? quantity : chosen.quantity);
        const options = variant ? ` (${Object.values(variant.optionValues).map(esc).join(', ')})` : '';
        confirmation.innerHTML = `Added ${esc(quantity)} × ${esc(product.name)}${options} to your cart. <a href="#/cart">View your cart</a>`;
      } catch (error) {
        if (error instanceof ApiError && error.type === 'insufficient-stock') {
          const control = form.querySelector('[data-field="quantity"]');
          markInvalid(control, stockMessage(error.problem, quantity));
          control.focus();
        } else {
          showProblem(form, error);
        }
      }
    });
  });
}
