// Log in and register. After either, the anonymous cart is merged into the customer's cart and the shopper goes
// back to where they were (?returnTo=/checkout).
import { ApiError } from '../api.js';
import { mergeAnonymousCart } from '../cart.js';
import { field, formAlert, showProblem, values, whileBusy } from '../forms.js';
import { esc } from '../format.js';
import { login, register } from '../session.js';

function returnTo(params) {
  const target = params.get('returnTo') ?? '/';
  return target.startsWith('/') ? target : '/';
}

async function signedIn(params) {
  const adjustments = await mergeAnonymousCart();
  if (adjustments.length) {
    sessionStorage.setItem('shop.mergeNotice', 'Not everything from your earlier cart fitted: ' + adjustments
      .map((a) => `${a.merged} of ${a.requested} added (${a.reason}).`).join(' '));
  }
  location.hash = `#${returnTo(params)}`;
}

export async function renderLogin(root, { params }) {
  const register = `#/register${params.get('returnTo') ? `?returnTo=${encodeURIComponent(returnTo(params))}` : ''}`;
  root.innerHTML = `<h1>Log in</h1>
    <form class="account-form" novalidate aria-label="Log in">
      ${field({ label: 'E-mail', name: 'email', type: 'email', autocomplete: 'username', required: true })}
      ${field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })}
      ${formAlert()}
      <div class="actions"><button type="submit">Log in</button></div>
    </form>
    <p>New here? <a href="${esc(register)}">Create an account</a>.</p>`;
  const form = root.querySelector('form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { email, password } = values(form);
    await whileBusy(form.querySelector('button'), 'Logging in…', async () => {
      try {
        await login(email, password);
        await signedIn(params);
      } catch (error) {
        const wrong = error instanceof ApiError && error.status === 401;
        showProblem(form, error, { message: wrong ? 'The e-mail or the password is wrong.' : undefined });
      }
    });
  });
}

export async function renderRegister(root, { params }) {
  const loginLink = `#/login${params.get('returnTo') ? `?returnTo=${encodeURIComponent(returnTo(params))}` : ''}`;
  root.innerHTML = `<h1>Create an account</h1>
    <form class="account-form" novalidate aria-label="Create an account">
      ${field({ label: 'Name', name: 'name', autocomplete: 'name', required: true })}
      ${field({ label: 'E-mail', name: 'email', type: 'email', autocomplete: 'email', required: true })}
      ${field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', required: true, hint: 'At least 8 characters.' })}
      ${formAlert()}
      <div class="actions"><button type="submit">Create account</button></div>
    </form>
    <p>Have an account? <a href="${esc(loginLink)}">Log in</a>.</p>`;
  const form = root.querySelector('form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await whileBusy(form.querySelector('button'), 'Creating your account…', async () => {
      try {
        await register(values(form));
        await signedIn(params);
      } catch (error) {
        showProblem(form, error, { fields: { 'email-taken': 'email' } });
      }
    });
  });
}
