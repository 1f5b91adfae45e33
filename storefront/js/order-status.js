// Keeps an order on screen up to date: it takes a ticket (POST /api/orders/{id}/events/ticket) and listens to
// the order's event stream with an EventSource. Against an API without the stream (the ticket answers 404) it
// asks GET /api/orders/{id} every second while the order waits for its payment (every 15 s after that).
import { api, apiUrl, ApiError, NetworkError } from './api.js';
import { config } from '../config.js';
import { orderEventsTicket } from './features.js';
import { session } from './session.js';

const SETTLED_POLL_MILLIS = 15_000;
const RETRY_MILLIS = 5_000;

/**
 * Calls `onOrder(order)` with every new state of the order until the returned function is called.
 * `onError(error)` hears of an order that cannot be read (404, session ended).
 */
export function watchOrder(orderId, { onOrder, onError, headers = {} }) {
  let stopped = false;
  let timer = null;
  let source = null;
  let last = null;

  const deliver = (order) => {
    const seen = JSON.stringify(order);
    if (seen !== last) {
      last = seen;
      onOrder(order);
    }
  };

  const poll = async () => {
    if (stopped) {
      return;
    }
    let delay;
    try {
      const order = await api(`/api/orders/${encodeURIComponent(orderId)}`, {
        headers, authenticated: session.signedIn, cache: 'no-store',
      });
      deliver(order);
      delay = order.status === 'PENDING_PAYMENT' ? config.orderPollMillis : SETTLED_POLL_MILLIS;
    } catch (error) {
      if (error instanceof ApiError && error.status !== 503 && error.status !== 429) {
        onError?.(error);
        return;
      }
      delay = error instanceof ApiError && error.retryAfter ? error.retryAfter * 1000 : RETRY_MILLIS;
    }
    if (!stopped) {
      timer = setTimeout(poll, delay);
    }
  };

  const stream = async () => {
    let ticket = null;
    try {
      ticket = await orderEventsTicket(orderId, headers);
    } catch (error) {
      if (!(error instanceof NetworkError || error instanceof ApiError)) {
        throw error;
      }
    }
    if (stopped) {
      return;
    }
    if (!ticket) {
      poll();
      return;
    }
    const query = new URLSearchParams({ ticket: ticket.ticket });
    source = new EventSource(apiUrl(`/api/orders/${encodeURIComponent(orderId)}/events?${query}`));
    source.addEventListener('order', (event) => deliver(JSON.parse(event.data)));
    source.addEventListener('error', () => {
      // the ticket is short-lived, so the browser's own reconnect would be refused: get a new ticket instead
      source.close();
      if (!stopped) {
        timer = setTimeout(stream, RETRY_MILLIS);
      }
    });
  };

  stream();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}
