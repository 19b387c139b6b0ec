import { capKey, type CapAlert } from './cap-model';

/**
 * Alert, Update and Cancel in any order of arrival. `ended` remembers which messages an
 * Update replaced or a Cancel ended, so the original arriving late (a slow mirror, an Atom
 * feed listing entries out of order) is not shown again. Entries are forgotten after
 * `keepEndedMs`, so the state stays bounded over months.
 */
export interface CapState {
  readonly active: Readonly<Record<string, CapAlert>>;
  readonly ended: Readonly<Record<string, number>>;
}

export const EMPTY_CAP_STATE: CapState = { active: {}, ended: {} };

export type CapChange =
  | { readonly kind: 'added' | 'replaced' | 'cancelled'; readonly key: string; readonly ended: readonly string[] }
  | { readonly kind: 'ignored'; readonly key: string; readonly reason: string };

export interface CapStep {
  readonly state: CapState;
  readonly change: CapChange;
}

const sentMs = (a: CapAlert): number => Date.parse(a.sent);

/** Active messages of the same incident: referenced by, or referencing, the same messages. */
function incident(state: CapState, alert: CapAlert): CapAlert[] {
  const refs = new Set(alert.references.map(capKey));
  return Object.values(state.active).filter(
    (a) => refs.has(capKey(a)) || a.references.some((r) => refs.has(capKey(r))),
  );
}

function endKeys(state: CapState, keys: readonly string[], forgetAt: number): CapState {
  const active = { ...state.active };
  const ended = { ...state.ended };
  for (const k of keys) {
    delete active[k];
    ended[k] = forgetAt;
  }
  return { active, ended };
}

export function applyCap(state: CapState, alert: CapAlert, nowMs: number, keepEndedMs = 7 * 86_400_000): CapStep {
  const key = capKey(alert);
  const ignore = (reason: string): CapStep => ({ state, change: { kind: 'ignored', key, reason } });
  if (alert.msgType === 'Ack' || alert.msgType === 'Error') return ignore(`msgType ${alert.msgType} carries no alert`);
  if (state.ended[key] !== undefined) return ignore('already replaced or cancelled');
  if (state.active[key] !== undefined) return ignore('already active');
  const forgetAt = nowMs + keepEndedMs;
  const members = incident(state, alert);
  const referenced = alert.references.map(capKey);
  switch (alert.msgType) {
    case 'Alert':
      return { state: { ...state, active: { ...state.active, [key]: alert } }, change: { kind: 'added', key, ended: [] } };
    case 'Update': {
      if (members.some((m) => sentMs(m) > sentMs(alert))) {
        return { state: endKeys(state, [key], forgetAt), change: { kind: 'ignored', key, reason: 'a newer update is active' } };
      }
      const ends = [...referenced, ...members.map(capKey)];
      const next = endKeys(state, ends, forgetAt);
      return { state: { ...next, active: { ...next.active, [key]: alert } }, change: { kind: 'replaced', key, ended: ends } };
    }
    case 'Cancel': {
      const ends = [...referenced, ...members.filter((m) => sentMs(m) <= sentMs(alert)).map(capKey), key];
      return { state: endKeys(state, ends, forgetAt), change: { kind: 'cancelled', key, ended: ends } };
    }
  }
}

/** Forgets ended keys past their time, so months of alerts do not grow the state. */
export function pruneCapState(state: CapState, nowMs: number): CapState {
  const ended = Object.fromEntries(Object.entries(state.ended).filter(([, until]) => until > nowMs));
  return { active: state.active, ended };
}
