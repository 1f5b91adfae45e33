// What the shop tells every storefront: its currency and how payments are made (GET /api/payments/config).
import { config } from '../config.js';
import { api } from './api.js';

let configuration = null;

export function shopConfig() {
  configuration ??= api('/api/payments/config').catch((error) => {
    configuration = null;
    throw error;
  });
  return configuration;
}

/** An uploaded image's URL is the API's (`/api/images/...`): resolved against the API's origin. */
export function imageSource(url) {
  return url.startsWith('/') ? config.apiBase + url : url;
}

/** Shows the product's image, or a neutral tile with its initial when there is none or it does not load. */
export function productImage(url, name, className = 'product-image') {
  const initial = (name ?? '?').trim().charAt(0).toUpperCase();
  const tile = `<div class="${className} placeholder" aria-hidden="true"><span>${initial}</span></div>`;
  return url ? `<img class="${className}" src="${imageSource(url).replace(/"/g, '%22')}" alt="" loading="lazy" data-tile="${initial}">` : tile;
}

/** Replaces images that fail to load with the tile (call after inserting the HTML). */
export function fallBackOnBrokenImages(root, className = 'product-image') {
  root.querySelectorAll('img[data-tile]').forEach((img) => {
    const replace = () => {
      const tile = document.createElement('div');
      tile.className = `${className} placeholder`;
      tile.setAttribute('aria-hidden', 'true');
      tile.innerHTML = `<span>${img.dataset.tile}</span>`;
      img.replaceWith(tile);
    };
    if (img.complete && img.naturalWidth === 0) {
      replace();
    } else {
      img.addEventListener('error', replace, { once: true });
    }
  });
}
