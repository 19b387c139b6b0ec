import { useRef } from 'react';
import { OFFICIAL_LIST_TAG } from '../../core/import/list-slides';
import type { Locale, NoticeItem } from '../../core/model/content';
import { useFitZoom } from '../use-fit-zoom';
import type { CardMedia } from '../player/stage-runner';
import { splitSteps, textSizeClass } from '../format';
import { Hotlines } from '../region-context';
import { uiStrings } from '../strings';
import { QuizCard } from './QuizCard';

export interface NoticeSlideProps {
  readonly item: NoticeItem;
  readonly media: CardMedia;
  readonly locale: Locale;
}

/** A notice, or the help slide with the hotlines and a locally drawn QR code. */
export function NoticeSlide({ item, media, locale }: NoticeSlideProps) {
  return item.variant === 'quiz' ? <QuizCard item={item} locale={locale} /> : <PlainOrHelp item={item} media={media} locale={locale} />;
}

function PlainOrHelp({ item, media, locale }: NoticeSlideProps) {
  const text = uiStrings(locale);
  const help = item.variant === 'help';
  const list = item.tags?.includes(OFFICIAL_LIST_TAG) === true;
  const cardRef = useRef<HTMLElement>(null);
  const zoom = useFitZoom(cardRef);
  return (
    <article
      ref={cardRef}
      data-zoom={zoom}
      className={`card notice-card ${help ? 'notice-help' : 'notice-plain'}`}
      lang={item.locale}
      data-item-id={item.id}
      data-kind="notice"
    >
      <div className="notice-main" style={{ zoom }}>
        <h1 className="notice-title">{item.title}</h1>
        <div className={`notice-text ${textSizeClass(item.text)}`}>
          {splitSteps(item.text).map((line, index, all) => (
            // An official list's last line is its source and date: set apart from the sites above.
            list && index === all.length - 1 ? (
              <p key={index} className="notice-source">
                {/* Its date is never broken across two lines. */}
                {line.split(/(\d{4}-\d{2}(?:-\d{2})?)/).map((part, i) => (i % 2 === 1 ? <span key={i} className="nowrap">{part}</span> : part))}
              </p>
            ) : (
              <p key={index}>{line}</p>
            )
          ))}
        </div>
        {help ? (
          <div className="notice-hotlines">
            <Hotlines locale={item.locale} />
          </div>
        ) : null}
      </div>
      <NoticeAside item={item} media={media} scanForHelp={text.scanForHelp} />
    </article>
  );
}

function NoticeAside({ item, media, scanForHelp }: { readonly item: NoticeSlideProps['item']; readonly media: NoticeSlideProps['media']; readonly scanForHelp: string }) {
  if (!media.qr && !media.image) return null;
  return (
    <div className="notice-aside">
      {media.image ? <img className="notice-image" src={media.image} alt="" /> : null}
      {media.qr ? (
        <figure className="notice-qr">
          <img src={media.qr} alt={scanForHelp} data-testid="qr" />
          <figcaption>
            {scanForHelp}
            {/* The address is printed: a screen that warns about unknown codes says where this one goes. */}
            {item.qr ? <span className="notice-qr-url" data-testid="qr-url">{item.qr}</span> : null}
          </figcaption>
        </figure>
      ) : null}
    </div>
  );
}
