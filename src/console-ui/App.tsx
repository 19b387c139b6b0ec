import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../core/model/content';
import { call, onSessionLost, setCsrf } from './api/client';
import { AppContext, savedLocale, saveLocale, type AppContextValue, type Session } from './app-context';
import { Layout } from './components/Layout';
import { strings } from './i18n';
import { Accounts } from './pages/Accounts';
import { AddScreen } from './pages/AddScreen';
import { Approvals } from './pages/Approvals';
import { Screens } from './pages/Screens';
import { Editor } from './pages/Editor';
import { Groups } from './pages/Groups';
import { ImportList } from './pages/ImportList';
import { Library } from './pages/Library';
import { Login } from './pages/Login';
import { Preview } from './pages/Preview';
import { Publish } from './pages/Publish';
import { Settings } from './pages/Settings';
import { Setup } from './pages/Setup';
import { Upload } from './pages/Upload';
import { go, useRoute, type Route } from './router';

type Boot = { readonly state: 'loading' } | { readonly state: 'ready'; readonly setupNeeded: boolean };

function page(route: Route): ReactNode {
  switch (route.page) {
    case 'library':
      return <Library />;
    case 'new':
      return <Editor key={`new-${route.kind}`} id={null} kind={route.kind} />;
    case 'item':
      return <Editor key={route.id} id={route.id} kind="" />;
    case 'upload':
      return <Upload />;
    case 'import-list':
      return <ImportList />;
    case 'approvals':
      return <Approvals />;
    case 'screens':
      return <Screens />;
    case 'add-screen':
      return <AddScreen code={route.code} />;
    case 'publish':
      return <Publish />;
    case 'groups':
      return <Groups />;
    case 'preview':
      return <Preview />;
    case 'accounts':
      return <Accounts />;
    case 'settings':
      return <Settings />;
    case 'setup':
    case 'login':
      return null;
  }
}

export function App() {
  const route = useRoute();
  const [locale, setLocaleState] = useState<Locale>(savedLocale);
  const [session, setSession] = useState<Session | null>(null);
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${strings(locale).appName} · Console`;
  }, [locale]);

  useEffect(() => {
    onSessionLost(() => setSession(null));
    void call('session').then((reply) => {
      if (!reply.ok) return setBoot({ state: 'ready', setupNeeded: false });
      setCsrf(reply.value.csrf);
      setSession(reply.value.account);
      setBoot({ state: 'ready', setupNeeded: reply.value.setupNeeded });
    });
  }, []);

  const setLocale = useCallback((next: Locale) => {
    saveLocale(next);
    setLocaleState(next);
  }, []);
  const context = useMemo<AppContextValue>(
    () => ({ locale, t: strings(locale), setLocale, session, setSession }),
    [locale, setLocale, session],
  );

  const logout = useCallback(() => {
    void call('logout').finally(() => {
      setCsrf(null);
      setSession(null);
      go({ page: 'login' });
    });
  }, []);

  let body: ReactNode;
  if (boot.state === 'loading') body = <p className="card-page muted">{context.t.loading}</p>;
  else if (route.page === 'setup') body = <Setup token={route.token} />;
  else if (!session) body = <Login setupNeeded={boot.setupNeeded} />;
  else body = <Layout current={route.page} onLogout={logout}>{page(route)}</Layout>;
  return <AppContext.Provider value={context}>{body}</AppContext.Provider>;
}
