// @vitest-environment node
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMolam, type Molam } from '@molam/sdk';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { addDays, type DateRange, rangeOf } from '../src/dates.js';
import { periodFigures } from '../src/figures.js';
import { formatCount, formatMoney, formatPercent } from '../src/format.js';
import { launchChromium, seriousViolations } from './browser.js';

// The dashboard in a real browser against a real sandbox server with seeded data: sign in, every KPI equals
// the API's figure, the range changes, a payment opens with its provider attempts; each page is screenshot at
// desktop and phone width and scanned for accessibility problems.

const ARTIFACTS = fileURLToPath(new URL('../test-results/', import.meta.url));
const LOCALE = 'en-US';

interface Server {
  url: string;
  sandbox: { merchantKey: string; adminKey: string; merchantId: string } | null;
  close(): Promise<void>;
}

let server: Server;
/** The merchant's webhook receiver: it fails until a test lets it succeed. */
let receiver: { url: string; succeed: boolean; close(): Promise<void> };
let molam: Molam;
let browser: Browser;
const paymentIds: string[] = [];
const cspErrors: string[] = [];

const dayAgo = (days: number) => new Date(Date.now() - days * 86_400_000 - 60_000).toISOString();

/** 45 days of sales (so 30 days have a previous period to compare with), some failed, some refunded. */
function history() {
  const events = [];
  for (let day = 0; day < 45; day++) {
    for (let n = 0; n < 3; n++) {
      const id = `t-${day}-${n}`;
      const failed = (day + n) % 5 === 0;
      events.push({
        transaction_id: id,
        event_type: failed ? 'payment_failed' : 'payment_succeeded',
        amount: 1000 + day * 37 + n * 11,
        currency: 'ZMW',
        fee: 20,
        customer_id: `c-${(day * 3 + n) % 17}`,
        payment_method: n === 0 ? 'mtn' : 'airtel',
        product_id: `p-${n}`,
        product_name: ['Rice', 'Oil', 'Soap'][n],
        occurred_at: dayAgo(day),
      } as const);
    }
  }
  return events;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const { startServer } = await import('@molam/server');
  const { DATABASE_URL: _ignored, ...env } = process.env;
  receiver = await startReceiver();
  server = (await startServer({
    port: 0,
    dataDir: 'memory://',
    env: {
      ...env,
      LOG_LEVEL: 'silent',
      JOB_POLL_MS: '50',
      SANDBOX_PENDING_SECONDS: '1',
      RATE_LIMIT_MAX: '100000',
      // The receiver is on this machine; a failed delivery waits an hour unless retried by hand.
      EGRESS_ALLOW_LOOPBACK: 'true',
      WEBHOOK_RETRY_DELAYS_MS: '3600000',
    },
  })) as Server;
  molam = createMolam({ apiKey: server.sandbox?.merchantKey, baseUrl: server.url });
  await molam.webhookEndpoints.create({
    url: `${receiver.url}/hooks`,
    enabled_events: ['payment.succeeded'],
    description: 'Shop backend',
  });
  const events = history();
  await molam.transactionEvents.ingest(events);
  for (const amount of [1250, 990]) {
    const payment = await molam.payments.create({
      external_id: `order-${amount}`,
      flow: 'collection',
      amount,
      currency: 'ZMW',
      payer: '260971234567',
    });
    paymentIds.push(payment.id);
  }
  // The sandbox settles them within a second; the figures must include them before any page is read.
  for (const id of paymentIds)
    expect((await molam.payments.waitFor(id, { timeoutMs: 30_000 })).status).toBe('successful');
  // Counted once the aggregator has taken every event in (our two payments add their own).
  const today = (await molam.analytics.overview()).today.date;
  const counted = async () => {
    const series = await molam.analytics.series({
      start_date: rangeOf('30d', today).from,
      end_date: today,
      compare: 'previous',
    });
    return [...series.data, ...(series.previous ?? [])].reduce((n, bucket) => n + bucket.transactions, 0);
  };
  await vi.waitFor(
    async () => {
      const n = await counted();
      const expected = events.length + paymentIds.length;
      if (n < expected) throw new Error(`${n} of ${expected} transactions counted so far`);
    },
    { timeout: 30_000, interval: 100 },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await receiver?.close();
});

async function startReceiver(): Promise<typeof receiver> {
  const state = { succeed: false };
  const http = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(state.succeed ? 200 : 500).end());
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get succeed() {
      return state.succeed;
    },
    set succeed(value: boolean) {
      state.succeed = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

const contexts: BrowserContext[] = [];
beforeEach(() => {
  cspErrors.length = 0;
});
// Each test's pages close with it: no event stream or late console message outlives its test.
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function openPage(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: LOCALE });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  return page;
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/dashboard/`);
  await page.getByLabel('API key or Molam ID token').fill(server.sandbox?.merchantKey ?? '');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}

const apiRange = (range: DateRange) => ({ start_date: range.from, end_date: range.to });

/** The KPI cards' texts as the API's figures say they must read. */
async function expectedKpis(range: DateRange): Promise<Record<string, string>> {
  const series = await molam.analytics.series({
    start_date: range.from,
    end_date: range.to,
    compare: 'previous',
  });
  const now = periodFigures(series.totals);
  const money = (minor: number) => formatMoney(minor, series.currency, LOCALE);
  return {
    Revenue: money(now.revenue),
    'Net revenue': money(now.netRevenue),
    Transactions: formatCount(now.transactions, LOCALE),
    'Success rate': now.successRate === null ? '–' : formatPercent(now.successRate, LOCALE),
    'Average transaction': now.averageTransaction === null ? '–' : money(now.averageTransaction),
    Customers: formatCount(now.customers, LOCALE),
  };
}

async function shownKpis(page: Page, labels: string[]): Promise<Record<string, string>> {
  const shown: Record<string, string> = {};
  for (const label of labels) shown[label] = (await page.getByTestId(`kpi-${label}`).textContent()) ?? '';
  return shown;
}

const shoot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

/**
 * Every page, the same way: no serious or critical accessibility problem, and a screenshot at desktop and at
 * phone width (then back to the width it had), with no sideways scrolling on the phone.
 */
async function inspect(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 1280, height: 900 });
  await shoot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 360, height: 780 });
  await shoot(page, `${name}-phone`);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
  await page.setViewportSize(size);
}

describe('the dashboard in Chromium', () => {
  it('signs in, shows the API’s figures for each range, at desktop and phone width, accessibly', async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${server.url}/dashboard/`);
    await inspect(page, 'sign-in');
    await signIn(page);
    const today = (await molam.analytics.overview()).today.date;

    const thirty = await expectedKpis(rangeOf('30d', today));
    await expect.poll(() => shownKpis(page, Object.keys(thirty))).toEqual(thirty);
    await page.locator('.chart canvas').first().waitFor();
    const methods = await molam.analytics.paymentMethods({ days: 30 });
    expect(methods.payment_methods.length).toBeGreaterThan(1);
    for (const method of methods.payment_methods) {
      const shown = (await page.getByTestId(`method-${method.method}`).textContent()) ?? '';
      expect(shown.replace(/\s/g, ' ')).toContain(
        formatMoney(method.amount, 'ZMW', LOCALE).replace(/\s/g, ' '),
      );
    }
    const totals = (await molam.analytics.series({ ...apiRange(rangeOf('30d', today)) })).totals;
    expect(await page.getByTestId('customers-split').textContent()).toContain(
      `${totals.new_customers} new, ${totals.customers - totals.new_customers} returning`,
    );
    await inspect(page, 'overview');

    await page.getByRole('button', { name: '7 days' }).click();
    const seven = await expectedKpis(rangeOf('7d', today));
    expect(seven.Revenue).not.toBe(thirty.Revenue);
    await expect.poll(() => shownKpis(page, Object.keys(seven))).toEqual(seven);

    // A range of the user's own, ending before today.
    await page.getByRole('button', { name: 'Custom' }).click();
    const custom = { from: addDays(today, -40), to: addDays(today, -10) };
    await page.getByLabel('From', { exact: true }).fill(custom.from);
    await page.getByLabel('To', { exact: true }).fill(custom.to);
    const typed = await expectedKpis(custom);
    await expect.poll(() => shownKpis(page, Object.keys(typed))).toEqual(typed);
    await page.getByText('shown for periods that end today').waitFor();
    await page.getByLabel('To', { exact: true }).fill(addDays(today, -50));
    await page.getByRole('alert').filter({ hasText: 'The end date is before the start date.' }).waitFor();
    await page.getByRole('button', { name: '7 days' }).click();

    await inspect(page, 'overview-7-days');
    await page.getByRole('button', { name: 'Use the dark theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await inspect(page, 'overview-dark');
    await page.getByRole('button', { name: 'Use the light theme' }).click();
    expect(cspErrors).toEqual([]);
  });

  it('lists payments and opens one with its provider attempts', async () => {
    const page = await openPage(1280, 900);
    await signIn(page);
    await page.getByRole('link', { name: 'Payments' }).click();
    // A new page says where you are: its title, the focus at its start, the current link.
    await page.getByRole('heading', { name: 'Payments' }).waitFor();
    expect(await page.title()).toBe('Payments · Molam dashboard');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.getByRole('link', { name: 'Payments' }).getAttribute('aria-current')).toBe('page');
    const newest = paymentIds.at(-1) ?? '';
    // Every payment here went to the sandbox simulator: filtering on MTN finds none.
    await page.getByLabel('Provider').selectOption('mtn');
    await page.getByText('No payment matches these filters.').waitFor();
    await page.getByLabel('Provider').selectOption('sandbox');
    await page.getByLabel('Status').selectOption('successful');
    await page.getByRole('link', { name: newest }).waitFor();
    await page.getByLabel('From', { exact: true }).fill(addDays(new Date().toISOString().slice(0, 10), 2));
    await page.getByText('No payment matches these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('link', { name: newest }).click();
    await page.getByRole('heading', { name: newest }).waitFor();
    await page.locator('.timeline li').first().waitFor();
    expect(await page.locator('.timeline li').first().textContent()).toMatch(/at sandbox/);
    await inspect(page, 'payment');
    await page.getByRole('link', { name: '← Payments' }).click();
    await page.getByRole('heading', { name: 'Payments' }).waitFor();
    await inspect(page, 'payments');
    expect(cspErrors).toEqual([]);
  });

  it('shows a new payment, then its outcome, without a reload', async () => {
    const page = await openPage(1280, 900);
    await signIn(page);
    await page.getByRole('link', { name: 'Payments' }).click();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const payment = await molam.payments.create({
      external_id: 'order-live',
      flow: 'collection',
      amount: 4200,
      currency: 'ZMW',
      payer: '260971234567',
    });
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: payment.id }) });
    await row.waitFor({ timeout: 20_000 });
    await row.getByText('successful').waitFor({ timeout: 20_000 });
    expect(navigations).toEqual([]);
  });

  it('retries a failed delivery, and rotates the signing secret showing it once', async () => {
    const page = await openPage(1280, 900);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await signIn(page);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    await inspect(page, 'webhooks');
    await page.getByRole('link', { name: 'Shop backend' }).click();
    await page.getByRole('heading', { name: 'Shop backend' }).waitFor();
    // The sandbox payments' deliveries failed once (the receiver answered 500) and wait an hour.
    const first = page.locator('.deliveries > li').first();
    await expect
      .poll(() => first.locator('summary').textContent(), { timeout: 20_000 })
      .toMatch(/pending.*last 500/);
    await inspect(page, 'webhook');

    receiver.succeed = true;
    await first.getByRole('button', { name: /^Retry/ }).click();
    await first.locator('.badge', { hasText: 'succeeded' }).waitFor({ timeout: 20_000 });
    expect(await first.locator('summary').textContent()).toContain('2 attempts');

    await page.getByRole('button', { name: 'Rotate signing secret…' }).click();
    await page.getByRole('button', { name: 'Rotate now' }).click();
    const secret = await page.getByLabel('New signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    // Shown once: a reload shows the endpoint without it.
    await page.reload();
    await page.getByRole('heading', { name: 'Shop backend' }).waitFor();
    expect(await page.getByText(secret).count()).toBe(0);
    await inspect(page, 'webhook-after-rotation');
    expect(cspErrors).toEqual([]);
    receiver.succeed = false;
  });

  it('signs in with the keyboard alone', async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${server.url}/dashboard/`);
    await page.getByLabel('API key or Molam ID token').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('secret');
    await page.keyboard.type(server.sandbox?.merchantKey ?? '');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    // The first Tab on a page reaches the skip link, which takes focus past the navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
  });

  it('signs in with a one-click sandbox link, once, leaving no code in the address bar', async () => {
    const admin = createMolam({ apiKey: server.sandbox?.adminKey, baseUrl: server.url });
    const link = await admin.auth.createSignInLink({ merchant_id: server.sandbox?.merchantId ?? '' });
    const page = await openPage(1280, 900);
    await page.goto(`${server.url}${link.path}`);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => sessionStorage.getItem('molam.dashboard.credential'))).toMatch(
      /^mk_test_/,
    );

    const again = await openPage(1280, 900);
    await again.goto(`${server.url}${link.path}`);
    await again.getByRole('status').filter({ hasText: 'used already or has expired' }).waitFor();
    expect(await again.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
  });

  it('sends a visitor whose key stops working back to sign-in, saying why', async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${server.url}/dashboard/`);
    await page.evaluate(() =>
      sessionStorage.setItem('molam.dashboard.credential', 'mk_test_revokedRevokedRevoked0000'),
    );
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Signed out' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
  });
});
