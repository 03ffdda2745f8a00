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

/** Anything that takes whole log lines: a stream, or a CLI's stderr. */
export interface LogDestination {
  write(line: string): unknown;
}

export function createLogger(level: string, destination?: LogDestination): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    base: { service: 'molam-server' },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
