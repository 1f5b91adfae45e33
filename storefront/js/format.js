// Money is {amount, currency} with amount in minor units (cents): never a float until it is displayed.

const formats = new Map();

function format(currency) {
  if (!formats.has(currency)) {
    formats.set(currency, new Intl.NumberFormat(navigator.language || 'en', { style: 'currency', currency }));
  }
  return formats.get(currency);
}

export function fractionDigits(currency) {
  return format(currency).resolvedOptions().maximumFractionDigits;
}

export function money(value) {
  if (!value) {
    return '';
  }
  return format(value.currency).format(value.amount / 10 ** fractionDigits(value.currency));
}

/** A price the shopper typed ("15" or "15.50") in minor units, or undefined when empty. */
export function toMinorUnits(text, currency) {
  const trimmed = String(text ?? '').trim().replace(',', '.');
  if (trimmed === '') {
    return undefined;
  }
  const number = Number(trimmed);
  return Number.isFinite(number) ? Math.round(number * 10 ** fractionDigits(currency)) : trimmed;
}

export function fromMinorUnits(amount, currency) {
  if (amount === undefined || amount === null || amount === '') {
    return '';
  }
  return String(Number(amount) / 10 ** fractionDigits(currency));
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString(navigator.language || 'en') : '';
}

/** Escapes text for the HTML templates below (the API's strings are data, never markup). */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  })[c]);
}
