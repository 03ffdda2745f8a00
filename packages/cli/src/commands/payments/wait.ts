import type { MolamClient, Payment } from '../../api/client.js';
import { CliError } from '../../errors.js';
import type { IO } from '../../io.js';
import { formatMoney } from '../../money.js';
import { startStatusLine } from '../../output/status-line.js';
import { note, success } from '../../output/write.js';
import { writePayment } from './render.js';

export interface WaitSettings {
  json: boolean;
  timeoutSeconds: number;
}

export interface WaitResult {
  /** The final state, or the last one seen when the wait timed out. */
  payment: Payment;
  timedOut: boolean;
}

/** `payments.waitFor` gave up at its deadline (a MolamTimeoutError with code `wait_timeout`). */
function isWaitTimeout(error: unknown): error is Error & { payment?: Payment | undefined } {
  return error instanceof Error && (error as { code?: unknown }).code === 'wait_timeout';
}

/**
 * Waits until the payment is successful or failed, or the timeout passes. A person at a terminal sees a live
 * status line on stderr (`⠋ pay_… pending (12 s)`); piped, one line says what it waits for; `--json` prints
 * nothing while waiting.
 */
export async function waitForPayment(
  client: MolamClient,
  paymentId: string,
  settings: WaitSettings,
  io: IO,
  initial?: Payment,
): Promise<WaitResult> {
  let last: Payment | undefined = initial;
  const started = Date.now();
  const live = !settings.json && io.stderr.isTTY;
  const line = live
    ? startStatusLine(io, () => {
        const seconds = Math.floor((Date.now() - started) / 1000);
        return `${paymentId} ${last?.status ?? 'waiting'} (${seconds} s)`;
      })
    : undefined;
  if (!settings.json && !live) {
    note(io, `Waiting up to ${settings.timeoutSeconds} s for ${paymentId} to succeed or fail…`);
  }
  try {
    const payment = await client.payments.waitFor(paymentId, {
      timeoutMs: settings.timeoutSeconds * 1000,
      onPoll: (seen) => {
        last = seen;
        line?.refresh();
      },
    });
    return { payment, timedOut: false };
  } catch (error) {
    if (!isWaitTimeout(error)) throw error;
    const seen = error.payment ?? last ?? (await client.payments.get(paymentId));
    return { payment: seen, timedOut: true };
  } finally {
    line?.stop();
  }
}

/**
 * Prints the payment (the final one, or the last seen when the wait timed out) and turns the outcome into
 * the exit code: successful → 0; failed or still pending → a CliError, so exit 1.
 */
export function finishWait(
  io: IO,
  settings: WaitSettings,
  result: WaitResult,
  extra: Record<string, unknown> = {},
): void {
  const { payment } = result;
  writePayment(io, settings.json, payment, extra);
  if (result.timedOut) {
    throw new CliError(
      `Gave up after ${settings.timeoutSeconds} s: payment ${payment.id} is still ${payment.status}. ` +
        `Run "molam payments watch ${payment.id}" to wait again.`,
      { code: 'wait_timeout' },
    );
  }
  if (payment.status === 'failed') {
    const reason = payment.failure
      ? `${payment.failure.code} (${payment.failure.message})`
      : 'no reason given';
    throw new CliError(`Payment ${payment.id} failed: ${reason}.`, { code: 'payment_failed' });
  }
  if (!settings.json) {
    success(io, `Payment ${payment.id} is successful: ${formatMoney(payment.amount, payment.currency)}.`);
  }
}
