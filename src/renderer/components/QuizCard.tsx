import type { Locale, NoticeItem } from '../../core/model/content';
import { textSizeClass } from '../format';
import { uiStrings } from '../strings';

/**
 * A lobby quiz: the question alone first, so people stop and think, then the answer fades
 * in (the pause is a CSS delay, so nothing has to tick while the card is up).
 */
export function QuizCard({ item, locale }: { readonly item: NoticeItem; readonly locale: Locale }) {
  const text = uiStrings(locale);
  return (
    <article className="card quiz-card" lang={item.locale} data-item-id={item.id} data-kind="notice">
      <div className="card-tags">
        <span className="chip chip-strong">{text.quizTitle}</span>
      </div>
      <h1 className={`quiz-question ${textSizeClass(item.title)}`} data-testid="quiz-question">
        {item.title}
      </h1>
      <div className="quiz-answer" data-testid="quiz-answer">
        <div className="case-label">{text.quizAnswer}</div>
        <p className={textSizeClass(item.text)}>{item.text}</p>
      </div>
    </article>
  );
}
