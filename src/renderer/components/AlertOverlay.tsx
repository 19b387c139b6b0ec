import type { AlertItem, Locale } from '../../core/model/content';
import { Hotlines } from '../region-context';
import { uiStrings } from '../strings';

/**
 * An active alert: a critical one takes over the whole screen, a warning or an info one
 * is a banner across the top of the stage.
 */
export function AlertOverlay({ alert, locale }: { readonly alert: AlertItem; readonly locale: Locale }) {
  const text = uiStrings(alert.locale ?? locale);
  if (alert.level === 'critical') {
    return (
      <div className="alert-takeover" role="alert" data-testid="alert" data-level={alert.level} lang={alert.locale ?? locale}>
        <div className="alert-heading">
          <span className="alert-icon" aria-hidden="true">
            !
          </span>
          {text.alertTitle}
        </div>
        <p className="alert-text">{alert.text}</p>
        <div className="alert-hotlines">
          <Hotlines locale={alert.locale ?? locale} />
        </div>
      </div>
    );
  }
  return (
    <div
      className={`alert-banner alert-banner-${alert.level}`}
      role="alert"
      data-testid="alert"
      data-level={alert.level}
      lang={alert.locale ?? locale}
    >
      <span className="alert-banner-label">{text.alertTitle}</span>
      <span className="alert-banner-text">{alert.text}</span>
    </div>
  );
}
