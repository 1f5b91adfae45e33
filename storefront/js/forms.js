// Forms show the API's own problems: each `errors[]` entry next to the control whose data-field is its `field`,
// everything else in the form's alert. Forms are `novalidate`: the API is the one judge of what is valid, so the
// storefront never disagrees with it (the browser's checks would only repeat it in other words).
import { ApiError, NetworkError } from './api.js';
import { esc } from './format.js';

let ids = 0;

/**
 * A labelled control with a hint and an error slot, both tied to it with aria-describedby.
 * `field` is the API's name for it (a path like `shippingAddress.postalCode`).
 */
export function field({ label, name, field = name, type = 'text', value = '', hint, autocomplete, required = false,
  attrs = '' }) {
  const id = `f${++ids}-${name.replace(/\W/g, '-')}`;
  const hintHtml = hint ? `<p class="hint" id="${id}-hint">${esc(hint)}</p>` : '';
  const describedBy = [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
  return `<div class="field">
    <label for="${id}">${esc(label)}</label>
    <input id="${id}" name="${esc(name)}" data-field="${esc(field)}" type="${type}" value="${esc(value)}"
      aria-describedby="${describedBy}" ${autocomplete ? `autocomplete="${autocomplete}"` : ''}
      ${required ? 'required aria-required="true"' : ''} ${attrs}>
    ${hintHtml}
    <p class="field-error" id="${id}-error" hidden></p>
  </div>`;
}

/** The slot for a form's own message (what belongs to no single field). */
export function formAlert() {
  return '<div class="form-error" role="alert" tabindex="-1" hidden></div>';
}

export function clearProblems(container) {
  container.querySelectorAll('[aria-invalid="true"]').forEach((control) => control.removeAttribute('aria-invalid'));
  container.querySelectorAll('.field-error, .form-error').forEach((slot) => {
    slot.textContent = '';
    slot.hidden = true;
  });
}

/** A sentence for the shopper about any error: the problem's detail, or what a network failure means. */
export function describe(error) {
  if (error instanceof NetworkError) {
    return error.message;
  }
  if (error instanceof ApiError) {
    if (error.status === 429) {
      return `Too many attempts. Please wait ${error.retryAfter ?? 'a minute'} seconds and try again.`;
    }
    return error.problem.detail || error.problem.title || error.message;
  }
  console.error(error);
  return 'Something went wrong. Please try again.';
}

/**
 * Shows an error in a form. `fields` maps problem types without `errors` to a field (e.g. `email-taken` to
 * `email`); `message` may give a sentence of the storefront's own for the form alert. Focuses the first control
 * at fault, or the alert. Returns true when at least one field was marked.
 */
export function showProblem(container, error, { fields = {}, message } = {}) {
  clearProblems(container);
  const errors = error instanceof ApiError ? [...error.fieldErrors] : [];
  if (error instanceof ApiError && !errors.length && fields[error.type]) {
    errors.push({ field: fields[error.type], message: describe(error) });
  }
  const unplaced = [];
  let first = null;
  for (const { field: name, message: text } of errors) {
    const control = name ? container.querySelector(`[data-field="${CSS.escape(name)}"]`) : null;
    if (control) {
      markInvalid(control, text);
      first ??= control;
    } else {
      unplaced.push(name ? `${name}: ${text}` : text);
    }
  }
  const alert = container.querySelector('.form-error');
  const summary = message ?? (first ? 'Please correct the marked fields.' : describe(error));
  if (alert) {
    alert.textContent = [summary, ...unplaced].join(' ');
    alert.hidden = false;
  }
  (first ?? alert)?.focus?.();
  return first !== null;
}

export function markInvalid(control, text) {
  control.setAttribute('aria-invalid', 'true');
  const slot = document.getElementById(`${control.id}-error`);
  if (slot) {
    slot.textContent = text;
    slot.hidden = false;
  }
}

/**
 * Runs `work` with the button disabled (and saying so), so a second click while the request runs does nothing.
 * The button is disabled synchronously, before the first await: a double-click cannot slip in between.
 */
export async function whileBusy(button, busyLabel, work) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyLabel;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
    if (button.isConnected && document.activeElement === document.body) {
      button.focus();
    }
  }
}

/** A form's values as an object of strings, trimmed except passwords (empty ones as ''). */
export function values(form) {
  const result = {};
  for (const [key, value] of new FormData(form)) {
    result[key] = form.elements[key]?.type === 'password' ? String(value) : String(value).trim();
  }
  return result;
}
