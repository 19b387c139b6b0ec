import type { PlayerState } from '../../core/api/contract';

/**
 * A USB stick problem (write-protected, full) in a bar along the bottom, for as long as the
 * runtime says; the screen under it keeps playing. The text is the runtime's, plain text.
 */
export function StickNotice({ state, now }: { readonly state: PlayerState | undefined; readonly now: Date }) {
  const notice = state?.stickNotice;
  if (!notice || now.getTime() >= Date.parse(notice.until)) return null;
  return (
    <div className="stick-notice" data-testid="stick-notice" role="status">
      {notice.text}
    </div>
  );
}
