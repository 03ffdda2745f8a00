import { type MouseEvent, type ReactNode, useEffect, useState } from 'react';

/** The dashboard's pages, as paths under its base (`/dashboard/`). */
export type Route =
  | { page: 'overview' }
  | { page: 'payments' }
  | { page: 'payment'; id: string }
  | { page: 'webhooks' }
  | { page: 'webhook'; id: string };

const BASE = import.meta.env.BASE_URL; // "/dashboard/"

/** A path segment as written, even when it is not valid percent-encoding (a mangled link). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : '';
  const [section, raw] = rest.split('/').filter(Boolean);
  const id = raw === undefined ? undefined : decoded(raw);
  if (section === 'payments' && id) return { page: 'payment', id };
  if (section === 'payments') return { page: 'payments' };
  if (section === 'webhooks' && id) return { page: 'webhook', id };
  if (section === 'webhooks') return { page: 'webhooks' };
  return { page: 'overview' };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'payments':
      return `${BASE}payments`;
    case 'payment':
      return `${BASE}payments/${encodeURIComponent(route.id)}`;
    case 'webhooks':
      return `${BASE}webhooks`;
    case 'webhook':
      return `${BASE}webhooks/${encodeURIComponent(route.id)}`;
    case 'overview':
      return BASE;
  }
}

export function navigate(route: Route): void {
  window.history.pushState(null, '', hrefOf(route));
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The title of each page, for the tab and for screen readers arriving on it. */
export function titleOf(route: Route): string {
  const page = {
    overview: 'Overview',
    payments: 'Payments',
    payment: `Payment ${route.page === 'payment' ? route.id : ''}`,
    webhooks: 'Webhooks',
    webhook: 'Webhook endpoint',
  }[route.page];
  return `${page} · Molam dashboard`;
}

/** The current route, following the browser's history. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}

/** A link that changes page without reloading, and still opens in a new tab when asked. */
export function Link({
  to,
  children,
  className,
  current,
}: {
  to: Route;
  children: ReactNode;
  className?: string;
  /** The navigation link of the page shown: announced as the current page. */
  current?: boolean;
}) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={hrefOf(to)} onClick={onClick} className={className} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
