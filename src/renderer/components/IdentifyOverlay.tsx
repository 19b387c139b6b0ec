/** The screen's id, large, so a technician can match a dashboard row to this screen (`identify`). */
export function IdentifyOverlay({ screenId }: { readonly screenId: string }) {
  return (
    <div className="identify-overlay" data-testid="identify" role="status">
      <span className="identify-label">屏幕编号 Screen ID</span>
      <span className="identify-id">{screenId}</span>
    </div>
  );
}
