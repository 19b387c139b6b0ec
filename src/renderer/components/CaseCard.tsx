import { useRef } from 'react';
import type { CaseItem, Locale } from '../../core/model/content';
import { useFitZoom } from '../use-fit-zoom';
import { formatAmount, textSizeClass } from '../format';
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
        <span className="chip chip-outline">{uiStrings(item.locale).fraudTypes[item.fraudType]}</span>
      </div>
      <h1 className="case-title" data-testid="case-title">
        {item.title}
      </h1>
      <div className="case-body" style={{ zoom }}>
        <p className={`case-story fit-check ${textSizeClass(item.story)}`}>{item.story}</p>
        <aside className="case-side">
          <div className="case-amount">
            <div className="case-label">{text.amountLost}</div>
            <div className="case-amount-value">{formatAmount(item.amountLost, item.currency, locale)}</div>
          </div>
          <div className="case-lesson fit-check">
            <div className="case-label">{text.lesson}</div>
            <p className={textSizeClass(item.lesson + item.lesson)}>{item.lesson}</p>
          </div>
        </aside>
      </div>
      <footer className="case-source">
        {text.source}
        {text.colon}
        {item.source} · {item.date}
      </footer>
    </article>
  );
}
