import { startDeadline } from '../deadline.js';
import { MolamError, MolamTimeoutError } from '../errors.js';
import { checkId, checkWaitOptions, type PaymentWaitOptions, type RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination.js';
import { isRetryable } from '../retry.js';
import { abortError, newIdempotencyKey } from '../transport.js';
import type {
  ListParams,
  Payment,
  PaymentAttempt,
  PaymentCreateParams,
  PaymentListParams,
  PaymentStatus,
} from '../types.js';
import { bodyOf, callInit, paginate, type ResourceContext } from './context.js';

/** Collections (money from a payer) and disbursements (money to a payee). Amounts are in minor units. */
export interface PaymentsResource {
  /**
   * Creates the payment; the server answers at once with it `pending` (use `waitFor` for the outcome).
   * Always sends an `Idempotency-Key`: `opts.idempotencyKey` when given, otherwise a new random key,
   * re-sent on every retry of this call. To retry across process restarts, derive your own key
   * (from your order id, say) and pass it each time: the server then never pays twice.
   */
  create(body: PaymentCreateParams, opts?: RequestOptions): Promise<Payment>;
  get(paymentId: string, opts?: RequestOptions): Promise<Payment>;
  /** Newest first; filters (`status`, `provider`, `flow`, `created_gte`, `created_lt`) apply to every page. */
  list(params?: PaymentListParams, opts?: RequestOptions): PagePromise<Payment>;
  /** Every interaction with the provider for this payment, oldest first. */
  attempts(paymentId: string, params?: ListParams, opts?: RequestOptions): PagePromise<PaymentAttempt>;
  /**
   * Polls the payment until it is `successful` or `failed`, and resolves with it (a failed payment is a
   * final state, not an error). Polls at once, then after `intervalMs`, each wait 1.5 times longer up to
   * `maxIntervalMs`. Rejects with a `MolamTimeoutError` (code `wait_timeout`, `payment` the last state
   * seen) after `timeoutMs`, and with a `MolamAbortError` when `signal` aborts.
   */
  waitFor(paymentId: string, opts?: PaymentWaitOptions): Promise<Payment>;
}

const PAYMENT_FILTERS = [
  'status',
  'provider',
  'flow',
  'created_gte',
  'created_lt',
] as const satisfies readonly (keyof PaymentListParams)[];

const FINAL_STATUSES: ReadonlySet<PaymentStatus> = new Set(['successful', 'failed']);
const BACKOFF_FACTOR = 1.5;

function waitTimeout(
  paymentId: string,
  timeoutMs: number,
  payment: Payment | undefined,
  failure: MolamError | undefined,
): MolamTimeoutError {
  return new MolamTimeoutError({
    status: 0,
    code: 'wait_timeout',
    title: 'Timed out waiting for the payment',
    detail: payment
      ? `Payment ${paymentId} was still ${payment.status} after ${timeoutMs} ms.`
      : `Payment ${paymentId} could not be read within ${timeoutMs} ms.`,
    cause: failure,
    payment,
  });
}

export function paymentsResource(context: ResourceContext): PaymentsResource {
  const { client } = context;

  async function get(paymentId: string, opts?: RequestOptions): Promise<Payment> {
    const path = { payment_id: checkId(paymentId, 'paymentId', 'payments.get') };
    const init = callInit(context, opts, 'payments.get');
    return bodyOf(await client.GET('/api/v1/payments/{payment_id}', { params: { path }, ...init }));
  }

  async function waitFor(paymentId: string, opts?: PaymentWaitOptions): Promise<Payment> {
    const where = 'payments.waitFor';
    const id = checkId(paymentId, 'paymentId', where);
    const { timeoutMs, intervalMs, maxIntervalMs, signal, onPoll } = checkWaitOptions(opts, where);
    const callerSignal = signal ?? new AbortController().signal;
    if (callerSignal.aborted) throw abortError(callerSignal);

    // The timer cuts a poll or a wait in progress at the deadline. Time is also counted as the sum of
    // the waits, which the wall clock can only exceed: with an instant `backoff.sleep` (tests), the
    // deadline still comes after the same polls, without any real waiting.
    const deadline = startDeadline(callerSignal, timeoutMs);
    const started = Date.now();
    let slept = 0;
    let payment: Payment | undefined;
    let failure: MolamError | undefined;
    const stopped = (thrown: unknown): unknown => {
      if (callerSignal.aborted) return abortError(callerSignal);
      if (deadline.timedOut()) return waitTimeout(id, timeoutMs, payment, failure);
      return thrown;
    };

    try {
      for (let poll = 0; ; poll++) {
        let current: Payment | undefined;
        let retryAfterMs = 0;
        try {
          current = await get(id, { signal: deadline.signal });
        } catch (thrown) {
          const error = stopped(thrown);
          // A failure the transport's own retries did not overcome (network, 5xx, 429) is tolerated
          // until the deadline; any other (404, 401, …) ends the wait.
          if (error !== thrown || !(thrown instanceof MolamError) || !isRetryable(thrown)) throw error;
          failure = thrown;
          retryAfterMs = (thrown.retryAfter ?? 0) * 1000;
        }
        if (current !== undefined) {
          payment = current;
          failure = undefined;
          onPoll?.(current);
          if (FINAL_STATUSES.has(current.status)) return current;
        }

        const remaining = timeoutMs - Math.max(Date.now() - started, slept);
        if (remaining <= 0) throw waitTimeout(id, timeoutMs, payment, failure);
        const backoff = Math.min(maxIntervalMs, Math.round(intervalMs * BACKOFF_FACTOR ** poll));
        const delay = Math.min(remaining, Math.max(backoff, retryAfterMs));
        try {
          await context.sleep(delay, deadline.signal);
        } catch (thrown) {
          throw stopped(thrown);
        }
        slept += delay;
      }
    } finally {
      deadline.dispose();
    }
  }

  return {
    async create(body, opts) {
      const init = callInit(context, opts, 'payments.create');
      // The operation requires the header. callInit has checked opts, and the transport re-sends the
      // headers of the call unchanged on each of its retries.
      const header = { 'Idempotency-Key': opts?.idempotencyKey ?? newIdempotencyKey() };
      return bodyOf(await client.POST('/api/v1/payments', { params: { header }, body, ...init }));
    },

    get,

    list(params, opts) {
      return paginate<Payment, PaymentListParams>(
        params,
        'payments.list',
        async (query) => {
          const init = callInit(context, opts, 'payments.list');
          return bodyOf(await client.GET('/api/v1/payments', { params: { query }, ...init }));
        },
        PAYMENT_FILTERS,
      );
    },

    attempts(paymentId, params, opts) {
      return paginate(params, 'payments.attempts', async (query) => {
        const path = { payment_id: checkId(paymentId, 'paymentId', 'payments.attempts') };
        const init = callInit(context, opts, 'payments.attempts');
        return bodyOf(
          await client.GET('/api/v1/payments/{payment_id}/attempts', { params: { path, query }, ...init }),
        );
      });
    },

    waitFor,
  };
}
