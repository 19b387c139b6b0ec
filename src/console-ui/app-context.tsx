import { createContext, useContext } from 'react';
import type { Role } from '../core/console/formats';
import type { Locale } from '../core/model/content';
import { strings, type Strings } from './i18n';

export type { Role };

export interface Session {
  readonly username: string;
  readonly roles: readonly Role[];
}

export interface AppContextValue {
  readonly locale: Locale;
  readonly t: Strings;
  setLocale(locale: Locale): void;
  readonly session: Session | null;
  setSession(session: Session | null): void;
}

export const AppContext = createContext<AppContextValue>({
  locale: 'zh-CN',
  t: strings('zh-CN'),
  setLocale: () => {},
  session: null,
  setSession: () => {},
});

export const useApp = (): AppContextValue => useContext(AppContext);

/** A hint for what to show; the server checks the role on every route regardless. */
export const hasRole = (session: Session | null, role: Role): boolean => !!session && session.roles.includes(role);

const LOCALE_KEY = 'console.locale';

export function savedLocale(): Locale {
  const value = window.localStorage.getItem(LOCALE_KEY);
  return value === 'zh-TW' || value === 'en' ? value : 'zh-CN';
}

export function saveLocale(locale: Locale): void {
  window.localStorage.setItem(LOCALE_KEY, locale);
}
