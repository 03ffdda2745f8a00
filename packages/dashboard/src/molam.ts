import { createMolam, type Molam } from '@molam/sdk';
import type { Credential } from './session.js';

/** Spends a sign-in link's code for a dashboard key (sandbox servers). */
export async function redeemSignInCode(
  code: string,
  origin: string = window.location.origin,
): Promise<Credential> {
  const signIn = await createMolam({ baseUrl: origin, maxRetries: 0 }).auth.redeemSignInLink(code);
  return { secret: signIn.secret };
}

/** An SDK client for this origin (the dashboard is served by the API's own server). */
export function molamFor(credential: Credential, origin: string = window.location.origin): Molam {
  // API keys and user tokens travel alike (`Authorization: Bearer`).
  return createMolam({ apiKey: credential.secret, baseUrl: origin, maxRetries: 1 });
}
