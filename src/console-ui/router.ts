import { useEffect, useState } from 'react';

/** Every page of the console, as the hash names it (`#/items/slogan-1`). */
export type Route =
  | { readonly page: 'setup'; readonly token: string }
  | { readonly page: 'login' }
  | { readonly page: 'library' }
  | { readonly page: 'new'; readonly kind: string }
  | { readonly page: 'item'; readonly id: string }
  | { readonly page: 'upload' }
  | { readonly page: 'import-list' }
  | { readonly page: 'approvals' }
  | { readonly page: 'screens' }
  | { readonly page: 'add-screen'; readonly code: string }
  | { readonly page: 'publish' }
  | { readonly page: 'groups' }
  | { readonly page: 'preview' }
  | { readonly page: 'accounts' }
  | { readonly page: 'settings' };

export type PageName = Route['page'];

/**
 * Reads the route from the hash, and the one-time set-up token from either the hash or the
 * query string, so a printed `/setup?token=…` link and `#/setup?token=…` both work.
 */
export function parseRoute(hash: string, search: string, pathname: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  const outer = new URLSearchParams(search);
  const token = params.get('token') ?? outer.get('token');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'setup' || (parts.length === 0 && /\/setup\/?$/.test(pathname))) return { page: 'setup', token: token ?? '' };
  switch (parts[0]) {
    case 'login':
      return { page: 'login' };
    case 'new':
      return { page: 'new', kind: params.get('kind') ?? 'slogan' };
    case 'items':
      return parts[1] ? { page: 'item', id: decodeURIComponent(parts[1]) } : { page: 'library' };
    case 'add-screen':
      return { page: 'add-screen', code: params.get('code') ?? '' };
    case 'upload':
    case 'import-list':
    case 'approvals':
    case 'screens':
    case 'publish':
    case 'groups':
    case 'preview':
    case 'accounts':
    case 'settings':
      return { page: parts[0] };
    default:
      return { page: 'library' };
  }
}

export function href(route: Route): string {
  switch (route.page) {
    case 'setup':
      return `#/setup?token=${encodeURIComponent(route.token)}`;
    case 'new':
      return `#/new?kind=${encodeURIComponent(route.kind)}`;
    case 'item':
      return `#/items/${encodeURIComponent(route.id)}`;
    case 'add-screen':
      return route.code ? `#/add-screen?code=${encodeURIComponent(route.code)}` : '#/add-screen';
    default:
      return `#/${route.page}`;
  }
}

export function go(route: Route): void {
  window.location.hash = href(route).slice(1);
}

export function useRoute(): Route {
  const read = (): Route => parseRoute(window.location.hash, window.location.search, window.location.pathname);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const update = (): void => setRoute(read());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
