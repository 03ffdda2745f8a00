import { SCOPES as ALL_SCOPES, KEY_MODES } from '@molam/contract';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ApiKeyCreateParams, KeyMode, Scope } from '../../api/client.js';
import { collectList, idempotencyKey, timestamp } from '../shared/parse.js';

// The spec's lists, generated: a scope or mode the API gains appears here (and in help and completion) by itself.
const MODES = KEY_MODES satisfies readonly KeyMode[];
const SCOPES = ALL_SCOPES satisfies readonly Scope[];

export interface KeyCreateFlags {
  name?: string | undefined;
  mode?: KeyMode | undefined;
  scope?: Scope[] | undefined;
  expiresAt?: string | undefined;
  idempotencyKey?: string | undefined;
}

/** The flags `keys create` and `merchants keys create` share. */
export function addKeyCreateFlags(command: Command): Command {
  return command
    .option('--name <name>', 'what the key is for (prompted when missing on a terminal)')
    .addOption(
      new Option('--mode <mode>', 'test or live (default: test; a key acts in its own mode only)').choices(
        MODES,
      ),
    )
    .addOption(
      new Option(
        '--scope <scope>',
        'a scope to grant; repeat or separate with commas (default: all merchant scopes)',
      )
        // choices() lists them in help and completion; the parser also accepts `a,b` and repeats.
        .choices(SCOPES)
        .argParser(scopeList),
    )
    .option('--expires-at <time>', 'RFC 3339 time after which the key stops working', timestamp)
    .option(
      '--idempotency-key <key>',
      'make a retried create safe (8-255 printable characters)',
      idempotencyKey,
    );
}

function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

function scopeList(value: string, previous: Scope[] | undefined): Scope[] {
  const items = collectList(value, []);
  const unknown = items.find((item) => !isScope(item));
  if (unknown !== undefined)
    throw new InvalidArgumentError(`Unknown scope "${unknown}"; use ${SCOPES.join(', ')}.`);
  return [...(previous ?? []), ...items.filter(isScope)];
}

export function keyCreateBody(name: string, flags: KeyCreateFlags): ApiKeyCreateParams {
  const body: ApiKeyCreateParams = { name };
  if (flags.mode) body.mode = flags.mode;
  if (flags.scope && flags.scope.length > 0) body.scopes = [...new Set(flags.scope)];
  if (flags.expiresAt) body.expires_at = flags.expiresAt;
  return body;
}
