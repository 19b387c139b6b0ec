import type { ReactNode } from 'react';
import { Locale } from '../../core/model/content';
import { hasRole, useApp, type Role } from '../app-context';
import { LOCALE_NAMES, type StringKey } from '../i18n';
import { href, type PageName } from '../router';

interface NavEntry {
  readonly page: PageName;
  readonly label: StringKey;
  /** Any one of these roles shows the entry; the server checks again on every call. */
  readonly roles: readonly Role[];
}

const NAV: readonly NavEntry[] = [
  { page: 'library', label: 'navLibrary', roles: ['editor', 'publisher', 'admin'] },
  { page: 'new', label: 'navNew', roles: ['editor'] },
  { page: 'upload', label: 'navUpload', roles: ['editor'] },
  { page: 'import-list', label: 'navImportList', roles: ['editor'] },
  { page: 'approvals', label: 'navApprovals', roles: ['publisher'] },
  { page: 'publish', label: 'navPublish', roles: ['publisher'] },
  { page: 'groups', label: 'navGroups', roles: ['admin', 'publisher', 'editor'] },
  { page: 'screens', label: 'navScreens', roles: ['admin', 'publisher', 'editor'] },
  { page: 'add-screen', label: 'navAddScreen', roles: ['admin'] },
  { page: 'preview', label: 'navPreview', roles: ['editor', 'publisher', 'admin'] },
  { page: 'accounts', label: 'navAccounts', roles: ['admin'] },
  { page: 'settings', label: 'navSettings', roles: ['admin'] },
];

export function LanguagePicker() {
  const { t, locale, setLocale } = useApp();
  return (
    <label className="lang">
      <span className="sr-only">{t.language}</span>
      <select value={locale} onChange={(e) => setLocale(Locale.parse(e.target.value))} data-testid="language">
        {Locale.options.map((l) => (
          <option key={l} value={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Layout({ current, onLogout, children }: { current: PageName; onLogout: () => void; children: ReactNode }) {
  const { t, session } = useApp();
  const entries = NAV.filter((entry) => entry.roles.some((role) => hasRole(session, role)));
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            反
          </span>
          {t.appName}
        </span>
        <nav className="nav" aria-label={t.appName}>
          {entries.map((entry) => (
            <a
              key={entry.page}
              href={entry.page === 'new' ? href({ page: 'new', kind: 'slogan' }) : `#/${entry.page}`}
              aria-current={current === entry.page ? 'page' : undefined}
              data-testid={`nav-${entry.page}`}
            >
              {t[entry.label]}
            </a>
          ))}
        </nav>
        <div className="who">
          <LanguagePicker />
          {session ? (
            <>
              <span className="user" title={t.signedInAs} data-testid="whoami">
                {session.username}
              </span>
              <button type="button" className="link" onClick={onLogout} data-testid="logout">
                {t.logout}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}

/** A centred card for pages without the navigation: set-up and sign-in. */
export function Card({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useApp();
  return (
    <div className="card-page">
      <div className="card-top">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            反
          </span>
          {t.appName}
        </span>
        <LanguagePicker />
      </div>
      <section className="card">
        <h1>{title}</h1>
        {children}
      </section>
    </div>
  );
}
