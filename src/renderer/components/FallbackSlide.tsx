import { Hotlines } from '../region-context';
import { FALLBACK } from '../strings';

/**
 * The built-in slide: hotlines and the core rules in Chinese and English, hard-coded so it
 * shows even when the playlist is broken or the state cannot be fetched at all.
 */
export function FallbackSlide() {
  return (
    <article className="card fallback-card" data-testid="fallback" data-kind="fallback">
      <h1 className="fallback-title" lang="zh-CN">
        {FALLBACK.title['zh-CN']}
      </h1>
      <p className="fallback-subtitle" lang="en">
        {FALLBACK.title.en}
      </p>
      <ul className="fallback-rules">
        {FALLBACK.rules.map((rule) => (
          <li key={rule.en}>
            <span lang="zh-CN">{rule['zh-CN']}</span>
            <small lang="en">{rule.en}</small>
          </li>
        ))}
      </ul>
      <div className="fallback-hotlines">
        <Hotlines locale="zh-CN" alsoIn="en" />
      </div>
    </article>
  );
}
