import { MolamAuthenticationError, MolamError } from '@molam/sdk';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type LiveState, useLiveEvents } from './live.js';
import { molamFor, redeemSignInCode } from './molam.js';
import { Overview } from './pages/Overview.js';
import { PaymentDetail } from './pages/PaymentDetail.js';
import { Payments } from './pages/Payments.js';
import { SignIn } from './pages/SignIn.js';
import { WebhookEndpoint } from './pages/WebhookEndpoint.js';
import { Webhooks } from './pages/Webhooks.js';
import { Link, type Route, titleOf, useRoute } from './router.js';
import {
  type Credential,
  forgetCredential,
  loadCredential,
  saveCredential,
  takeSignInCode,
} from './session.js';
import { type Theme, useTheme } from './theme.js';

const LIVE_LABELS: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: '● Live',
  reconnecting: 'Reconnecting…',
  unavailable: 'Not live',
};
const LIVE_TITLES: Record<LiveState, string> = {
  connecting: 'Opening the event stream',
  live: 'New payments and status changes appear as they happen',
  reconnecting: 'The event stream dropped; reconnecting',
  unavailable: 'This key cannot read events (webhooks:manage): reload to see changes',
};

export function App() {
  const [code] = useState(() => takeSignInCode());
  const [credential, setCredential] = useState<Credential | null>(() => (code ? null : loadCredential()));
  const [reason, setReason] = useState<string | null>(null);
  const [redeeming, setRedeeming] = useState(code !== null);
  useEffect(() => {
    if (code === null) return;
    redeemSignInCode(code)
      .then((next) => {
        saveCredential(next);
        setCredential(next);
      })
      .catch((error: unknown) => {
        setReason(
          error instanceof MolamError ? (error.detail ?? error.message) : 'The server could not be reached.',
        );
      })
      .finally(() => setRedeeming(false));
  }, [code]);
  const signOut = (why: string | null) => {
    forgetCredential();
    // Nothing of this session's data may show under the next key.
    client.clear();
    setReason(why);
    setCredential(null);
  };
  // A key that expires or is revoked mid-session sends its holder back to sign-in, saying why. The query
  // client lives as long as the app; it reaches the current sign-out through a ref.
  const signOutRef = useRef(signOut);
  signOutRef.current = signOut;
  const [client] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({
          onError: (error) => {
            if (error instanceof MolamAuthenticationError) {
              signOutRef.current(`Signed out: ${error.detail ?? error.message}`);
            }
          },
        }),
        defaultOptions: { queries: { retry: 1, staleTime: 15_000 } },
      }),
  );
  if (redeeming) {
    return (
      <p className="state" role="status">
        Signing you in…
      </p>
    );
  }
  if (credential === null) {
    return (
      <SignIn
        reason={reason}
        onSignedIn={(next) => {
          saveCredential(next);
          setReason(null);
          setCredential(next);
        }}
      />
    );
  }
  return (
    <QueryClientProvider client={client}>
      <Shell credential={credential} onSignOut={() => signOut(null)} />
    </QueryClientProvider>
  );
}

const NAV: { section: string; label: string; to: Route }[] = [
  { section: 'overview', label: 'Overview', to: { page: 'overview' } },
  { section: 'payment', label: 'Payments', to: { page: 'payments' } },
  { section: 'webhook', label: 'Webhooks', to: { page: 'webhooks' } },
];

function Shell({ credential, onSignOut }: { credential: Credential; onSignOut(): void }) {
  const molam = useMemo(() => molamFor(credential), [credential]);
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const arrived = useRef(false);
  // A new page gets its title, and (after the first) the focus, so a screen reader says where you are.
  useEffect(() => {
    document.title = titleOf(route);
    if (arrived.current) main.current?.focus();
    arrived.current = true;
  }, [route]);
  const [theme, setTheme] = useTheme();
  const live = useLiveEvents(molam);
  const next: Record<Theme, Theme> = { light: 'dark', dark: 'light' };
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <h1>Molam</h1>
        <nav aria-label="Main">
          {NAV.map((item) => {
            const current = route.page.startsWith(item.section);
            return (
              <Link key={item.section} to={item.to} className={current ? 'active' : ''} current={current}>
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="actions">
          <span className={`live ${live}`} role="status" title={LIVE_TITLES[live]}>
            {LIVE_LABELS[live]}
          </span>
          <button
            type="button"
            onClick={() => setTheme(next[theme])}
            aria-label={`Use the ${next[theme]} theme`}
          >
            {theme === 'light' ? 'Dark' : 'Light'}
          </button>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {route.page === 'overview' ? <Overview molam={molam} /> : null}
        {route.page === 'payments' ? <Payments molam={molam} /> : null}
        {route.page === 'payment' ? <PaymentDetail molam={molam} id={route.id} /> : null}
        {route.page === 'webhooks' ? <Webhooks molam={molam} /> : null}
        {route.page === 'webhook' ? <WebhookEndpoint molam={molam} id={route.id} /> : null}
      </main>
    </div>
  );
}
