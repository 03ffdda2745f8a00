import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMolam } from '../src/index.js';
import { API_KEY, BASE_URL, MERCHANT_ID, testMolam, useMswServer } from './support.js';

const server = useMswServer();

function everyRendering(value: unknown): string {
  const error = value as Error;
  return [
    String(value),
    error.message,
    error.stack,
    inspect(value, { depth: 10 }),
    JSON.stringify(value),
  ].join('\n');
}

describe('the API key never shows', () => {
  it('in an error whose body echoes the key', async () => {
    server.use(
      http.get(`${BASE_URL}/api/v1/merchants/${MERCHANT_ID}`, () =>
        HttpResponse.json(
          {
            type: 'about:blank',
            title: 'Unauthenticated',
            status: 401,
            code: 'unauthenticated',
            detail: `Key ${API_KEY} is revoked.`,
            errors: [{ field: 'header.authorization', message: `Bearer ${API_KEY} is invalid` }],
          },
          { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const error = await testMolam()
      .molam.merchants.get(MERCHANT_ID)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'unauthenticated', detail: 'Key [redacted] is revoked.' });
    expect(everyRendering(error)).not.toContain(API_KEY);
    expect(inspect((error as { raw: unknown }).raw, { depth: 10 })).not.toContain(API_KEY);
  });

  it('in connection, timeout or abort errors', async () => {
    server.use(http.get(`${BASE_URL}/api/v1/whoami`, () => HttpResponse.error()));
    const { molam } = testMolam({ maxRetries: 0 });
    const connection = await molam.whoami().catch((caught: unknown) => caught);
    expect(everyRendering(connection)).not.toContain(API_KEY);

    const hanging = createMolam({
      apiKey: API_KEY,
      baseUrl: BASE_URL,
      timeoutMs: 5,
      maxRetries: 0,
      fetch: () => new Promise<Response>(() => {}),
    });
    expect(everyRendering(await hanging.whoami().catch((caught: unknown) => caught))).not.toContain(API_KEY);
    const aborted = await hanging.whoami({ signal: AbortSignal.abort() }).catch((caught: unknown) => caught);
    expect(everyRendering(aborted)).not.toContain(API_KEY);
  });

  it('in the client object', () => {
    const { molam } = testMolam();
    expect(inspect(molam, { depth: 10, showHidden: true })).not.toContain(API_KEY);
    expect(JSON.stringify(molam)).not.toContain(API_KEY);
    expect(String(molam)).not.toContain(API_KEY);
  });

  it('in the message refusing a malformed key', () => {
    const badKey = `${API_KEY}\n`;
    let message = '';
    try {
      createMolam({ apiKey: badKey });
    } catch (error) {
      message = everyRendering(error);
    }
    expect(message).toContain('apiKey');
    expect(message).not.toContain(API_KEY);
  });
});
