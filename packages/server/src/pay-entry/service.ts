import type { Schemas } from '@molam/contract';
import type { RequestContext } from '../auth/context.js';
import type { UserToken } from '../identity/tokens.js';
import type { Database } from '../platform/db/index.js';
import { AppError, type FieldError } from '../platform/errors.js';
import type { SiraClient } from './sira.js';
import { type Changes, findOrCreate, type NewPreferences, type Preferences, update } from './store.js';

export type PayEntry = Schemas['PayEntry'];
export type PayEntryUpdate = Schemas['PayEntryUpdate'];

export interface PayEntrySettings {
  /** The modules this server knows (`PAY_ENTRY_MODULES`). */
  modules: readonly string[];
  /** What a new user starts with (`PAY_ENTRY_DEFAULT_MODULES`); the first is their preferred module. */
  defaultModules: readonly string[];
  /** Null when `SIRA_URL` is not set. */
  sira: SiraClient | null;
}

function userOf(ctx: RequestContext): UserToken {
  const { user } = ctx.auth;
  // The spec lets only user tokens in (authorizeOperations); this guards against a route mounted wrongly.
  if (user === null) throw new AppError(403, 'user_token_required', 'Pay entry belongs to a Molam ID user.');
  return user;
}

const initialOf = (user: UserToken, settings: PayEntrySettings): NewPreferences => ({
  user_id: user.userId,
  preferred_module: settings.defaultModules[0] ?? null,
  modules_enabled: [...settings.defaultModules],
  country: user.country,
  currency: user.currency,
  lang: user.lang,
});

/**
 * The module to open when SIRA has no usable answer: the enabled module used most, ties going to the
 * preferred one, then to the order the user enabled them in.
 */
export function localRecommendation(preferences: Preferences): string | null {
  const enabled = preferences.modules_enabled;
  const uses = (module: string) => preferences.module_usage[module] ?? 0;
  const ranked = [...enabled].sort(
    (a, b) =>
      uses(b) - uses(a) ||
      Number(b === preferences.preferred_module) - Number(a === preferences.preferred_module) ||
      enabled.indexOf(a) - enabled.indexOf(b),
  );
  return ranked[0] ?? null;
}

/** The preferences as the apps see them; `sira` asks SIRA for the module to open (reads only). */
async function present(
  preferences: Preferences,
  sira: SiraClient | null,
  ctx: RequestContext,
): Promise<PayEntry> {
  let preferred = preferences.preferred_module;
  let source: PayEntry['preferred_module_source'] = 'preference';
  if (preferences.auto_redirect && sira !== null && preferences.modules_enabled.length > 0) {
    const answer = await sira.recommend(
      {
        user_id: preferences.user_id,
        country: preferences.country,
        currency: preferences.currency,
        lang: preferences.lang,
        modules_enabled: preferences.modules_enabled,
        preferred_module: preferences.preferred_module,
        last_module_used: preferences.last_module_used,
      },
      ctx.actor.requestId,
    );
    if (answer.outcome === 'hint') {
      preferred = answer.module;
      source = 'sira';
    } else if (answer.outcome !== 'no_hint') {
      preferred = localRecommendation(preferences);
      source = 'fallback';
    }
  }
  return {
    object: 'pay_entry',
    user_id: preferences.user_id,
    preferred_module: preferred,
    preferred_module_source: source,
    last_module_used: preferences.last_module_used,
    modules_enabled: preferences.modules_enabled,
    auto_redirect: preferences.auto_redirect,
    country: preferences.country,
    currency: preferences.currency,
    lang: preferences.lang,
    updated_at: new Date(preferences.updated_at).toISOString(),
  };
}

export async function getPayEntry(
  db: Database,
  settings: PayEntrySettings,
  ctx: RequestContext,
): Promise<PayEntry> {
  const preferences = await findOrCreate(db, initialOf(userOf(ctx), settings), ctx.actor);
  return present(preferences, settings.sira, ctx);
}

/** The request's changes checked against the known modules and the user's current ones. */
function checkedChanges(input: PayEntryUpdate, current: Preferences, settings: PayEntrySettings): Changes {
  const unknown: FieldError[] = [];
  const known = (module: string, field: string) => {
    if (!settings.modules.includes(module)) {
      unknown.push({
        field,
        message: `not a module of this server (${settings.modules.join(', ')})`,
        code: 'unknown_module',
      });
    }
  };
  for (const [index, module] of (input.modules_enabled ?? []).entries()) {
    known(module, `body.modules_enabled.${index}`);
  }
  if (input.last_module_used !== undefined) known(input.last_module_used, 'body.last_module_used');
  if (input.preferred_module != null) known(input.preferred_module, 'body.preferred_module');
  if (unknown.length > 0) {
    throw new AppError(400, 'unknown_module', `Known modules: ${settings.modules.join(', ')}.`, {
      errors: unknown,
    });
  }
  const enabled = input.modules_enabled ?? current.modules_enabled;
  const preferred = input.preferred_module === undefined ? current.preferred_module : input.preferred_module;
  if (preferred !== null && !enabled.includes(preferred)) {
    const named = input.preferred_module === undefined;
    throw new AppError(
      400,
      'module_not_enabled',
      named
        ? `modules_enabled leaves out ${preferred}, the preferred module: set preferred_module too (or to null).`
        : `${preferred} is not among the enabled modules (${enabled.join(', ') || 'none'}).`,
      {
        errors: [
          named
            ? {
                field: 'body.modules_enabled',
                message: `must keep ${preferred}, the preferred module`,
                code: 'module_not_enabled',
              }
            : {
                field: 'body.preferred_module',
                message: 'must be one of modules_enabled',
                code: 'module_not_enabled',
              },
        ],
      },
    );
  }
  return {
    ...(input.modules_enabled === undefined ? {} : { modules_enabled: input.modules_enabled }),
    ...(input.preferred_module === undefined ? {} : { preferred_module: input.preferred_module }),
    ...(input.last_module_used === undefined ? {} : { last_module_used: input.last_module_used }),
    ...(input.auto_redirect === undefined ? {} : { auto_redirect: input.auto_redirect }),
  };
}

export async function updatePayEntry(
  db: Database,
  settings: PayEntrySettings,
  ctx: RequestContext,
  input: PayEntryUpdate,
): Promise<PayEntry> {
  const preferences = await update(db, initialOf(userOf(ctx), settings), ctx.actor, (current) => ({
    changes: checkedChanges(input, current, settings),
    usedModule: input.last_module_used,
  }));
  // What was just saved, not SIRA's opinion of it: a change (often a reported module use) waits for no one.
  return present(preferences, null, ctx);
}
