import type { Actor } from '../audit/audit.js';
import type { KeyMode } from '../keys/secrets.js';

/** Who is calling: the authenticated API key and what it may do. */
export interface AuthContext {
  keyId: string;
  /** null for platform (admin) keys. */
  merchantId: string | null;
  mode: KeyMode;
  scopes: string[];
}

/** Everything a service needs to know about the request it serves, without Express types. */
export interface RequestContext {
  auth: AuthContext;
  actor: Actor;
}
