import { type Molam, MolamAuthenticationError, MolamPermissionError } from '@molam/sdk';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/** Whether new payments and status changes arrive without a reload. */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

const PAYMENT_EVENTS = ['payment.created', 'payment.succeeded', 'payment.failed'];

/** A wait that ends early when the page goes away. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** The figures a payment changes, refreshed at most once a second however many payments arrive. */
const FIGURES = ['overview', 'series', 'methods', 'products', 'customers'];
function figuresRefresher(client: QueryClient): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      for (const key of FIGURES) void client.invalidateQueries({ queryKey: [key] });
    }, 1000);
  };
}

/** What a payment event makes stale at once: the lists and that payment. */
function refreshPayment(client: QueryClient, paymentId: string): void {
  void client.invalidateQueries({ queryKey: ['payments'] });
  void client.invalidateQueries({ queryKey: ['payment', paymentId] });
  void client.invalidateQueries({ queryKey: ['attempts', paymentId] });
}

/**
 * Follows the merchant's event stream (`GET /api/v1/events/stream`, through the SDK) for as long as the page
 * is open, resuming after the last event seen whenever the connection drops. A key that may not read events
 * (`webhooks:manage`) leaves the pages as they are: refreshed on navigation only.
 */
export function useLiveEvents(molam: Molam): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    const abort = new AbortController();
    const refreshFigures = figuresRefresher(client);
    const follow = async () => {
      let lastEventId: string | undefined;
      let failures = 0;
      while (!abort.signal.aborted) {
        const stream = molam.events.stream({
          types: PAYMENT_EVENTS,
          lastEventId,
          signal: abort.signal,
          onOpen: () => {
            failures = 0;
            setState('live');
          },
        });
        try {
          for await (const event of stream) {
            if (!event.type.startsWith('payment.')) continue;
            refreshPayment(client, (event.data.object as { id: string }).id);
            refreshFigures();
          }
        } catch (error) {
          if (abort.signal.aborted) return;
          if (error instanceof MolamPermissionError || error instanceof MolamAuthenticationError) {
            setState('unavailable');
            return;
          }
        }
        lastEventId = stream.lastEventId;
        failures += 1;
        setState('reconnecting');
        await pause(Math.min(30_000, 500 * 2 ** failures) * (0.5 + Math.random() / 2), abort.signal);
      }
    };
    void follow();
    return () => abort.abort();
  }, [molam, client]);
  return state;
}
