import { MolamError } from '@molam/sdk';
import { type FormEvent, useState } from 'react';
import { molamFor } from '../molam.js';
import type { Credential } from '../session.js';

export interface SignInProps {
  onSignedIn(credential: Credential): void;
  /** Why the last session ended (an expired key …), shown above the form. */
  reason?: string | null;
}

/** Checks the key with whoami before keeping it: it must hold `analytics:read`. */
export function SignIn({ onSignedIn, reason }: SignInProps) {
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const credential = { secret: secret.trim() };
    if (!credential.secret) return setProblem('Paste an API key (mk_…) or a Molam ID token.');
    setChecking(true);
    setProblem(null);
    try {
      const whoami = await molamFor(credential).whoami();
      if (!whoami.scopes.includes('analytics:read') && !whoami.scopes.includes('admin')) {
        setProblem('This key cannot read analytics: use one with the analytics:read scope.');
      } else if (whoami.merchant_id === null) {
        setProblem('This is a platform key: the dashboard shows one merchant, so use a merchant key.');
      } else {
        onSignedIn(credential);
      }
    } catch (error) {
      setProblem(
        error instanceof MolamError ? (error.detail ?? error.message) : 'The server could not be reached.',
      );
    } finally {
      setChecking(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>Molam dashboard</h1>
      {reason ? (
        <p className="notice" role="status">
          {reason}
        </p>
      ) : null}
      <form onSubmit={submit} aria-describedby="sign-in-help">
        <label htmlFor="secret">API key or Molam ID token</label>
        <input
          id="secret"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
          placeholder="mk_test_…"
        />
        <p id="sign-in-help" className="muted">
          A key with analytics:read. It stays in this tab only and is forgotten when you close it.
        </p>
        {problem ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
