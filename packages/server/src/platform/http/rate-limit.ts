import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { type RedisReply, RedisStore } from 'rate-limit-redis';
import { AppError } from '../errors.js';
import { sendProblem } from './problem.js';

export interface RateLimitOptions {
  max: number;
  windowMs: number;
  /** Shared counters for several instances; in-memory counters when absent. */
  redis?: Redis | undefined;
  /** Distinguishes deployments sharing one Redis (and test runs). */
  redisPrefix?: string | undefined;
}

function store(options: RateLimitOptions, name: string): Store | undefined {
  const { redis } = options;
  if (!redis) return undefined;
  return new RedisStore({
    prefix: `${options.redisPrefix ?? 'molam:rl:'}${name}:`,
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
  });
}

function limiter(
  options: RateLimitOptions,
  name: string,
  key: (req: Request) => string | undefined,
): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: store(options, name),
    // A Redis outage must not take the API down with it: requests pass unlimited until it is back.
    passOnStoreError: true,
    // Requests with no key (the per-key limiter before authentication) are the IP limiter's business.
    skip: (req) => key(req) === undefined,
    keyGenerator: (req) => key(req) ?? '',
    handler: (req, res) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(
        1,
        Math.ceil(((resetTime?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1000),
      );
      sendProblem(
        req,
        res,
        new AppError(
          429,
          'rate_limited',
          `Limit of ${options.max} requests per ${options.windowMs / 1000} s reached; retry after ${seconds} s.`,
          {
            title: 'Too many requests',
            headers: { 'Retry-After': String(seconds) },
          },
        ),
      );
    },
  });
}

/** Per client address, before authentication; `name` keeps a stricter limit's counters apart from the general one. */
export const perIpLimit = (options: RateLimitOptions, name = 'ip'): RequestHandler =>
  limiter(options, name, (req) => ipKeyGenerator(req.ip ?? 'unknown'));

/** Per API key, after authentication: one key cannot exhaust a shared address's budget, nor evade its own. */
export const perKeyLimit = (options: RateLimitOptions): RequestHandler =>
  limiter(options, 'key', (req) => req.auth?.keyId);
