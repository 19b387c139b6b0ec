import { useRef } from 'react';
import { assertNever } from '../../core/assert-never';
import { caseOutcome } from '../../core/content/case-outcome';
import type { CaseItem, Locale } from '../../core/model/content';
import { useFitZoom } from '../use-fit-zoom';
import { formatAmount, textSizeClass } from '../format';
import { fraudTypeLabel } from '../../core/content/fraud-type-labels';
import { uiStrings } from '../strings';

/** The case of the day: a short story with the trick, the loss and the lesson. */
export function CaseCard({ item, locale }: { readonly item: CaseItem; readonly locale: Locale }) {
  const text = uiStrings(locale);
  const cardRef = useRef<HTMLElement>(null);
  const zoom = useFitZoom(cardRef);
  return (
    <article ref={cardRef} className="card case-card" lang={item.locale} data-item-id={item.id} data-kind="case" data-zoom={zoom}>
      <div className="card-tags">
        <span className="chip chip-strong">{text.caseOfTheDay}</span>
        <span className="chip chip-outline">{fraudTypeLabel(item.locale, item.fraudType)}</span>
      </div>
      <h1 className="case-title" data-testid="case-title">
        {item.title}
      </h1>
      <div className="case-body" style={{ zoom }}>
        <p className={`case-story fit-check ${textSizeClass(item.story)}`}>{item.story}</p>
        <aside className="case-side">
          <CaseOutcomeBox item={item} locale={locale} />
          <div className="case-lesson fit-check">
            <div className="case-label">{text.lesson}</div>
            <p className={textSizeClass(item.lesson + item.lesson)}>{item.lesson}</p>
          </div>
        </aside>
      </div>
      <footer className="case-source">
        {text.source}
        {text.colon}
        {item.source}
      </footer>
    </article>
  );
}

/** The loss in red; a case stopped in time shows the money saved instead of a zero loss. */
function CaseOutcomeBox({ item, locale }: { readonly item: CaseItem; readonly locale: Locale }) {
  const text = uiStrings(locale);
  const outcome = caseOutcome(item);
  switch (outcome.kind) {
    case 'none':
      return null;
    case 'saved':
    case 'lost':
      return (
        <div className={`case-amount case-${outcome.kind}`} data-testid="case-outcome">
          <div className="case-label">{outcome.kind === 'saved' ? text.amountSaved : text.amountLost}</div>
          <div className="case-amount-value">{formatAmount(outcome.amount, item.currency, locale)}</div>
        </div>
      );
    default:
      return assertNever(outcome, 'case outcome');
  }
}
