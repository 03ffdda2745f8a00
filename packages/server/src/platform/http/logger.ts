import { type Logger, pino } from 'pino';

/** Paths that may carry secrets: they are replaced with [Redacted] before a line is written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.secret',
  '*.api_key',
  '*.apiKey',
  '*.password',
  '*.otp',
  '*.token',
  '*.access_token',
  '*.databaseUrl',
  '*.DATABASE_URL',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[Redacted]' }, base: { service: 'molam-server' } },
    destination as pino.DestinationStream | undefined,
  );
}
