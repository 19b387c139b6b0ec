import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { FleetView } from '../../core/console/contract';
import { call, type ApiError } from '../api/client';

export type Fleet = z.infer<typeof FleetView>;
export type FleetRow = Fleet['screens'][number];
export type PresenceFilter = 'all' | FleetRow['presence'];

/** The dashboard's data, polled every two seconds (status arrives by MQTT; the page asks the console). */
export function useFleet(): { fleet: Fleet | null; error: ApiError | null; reload: () => void } {
  const [fleet, setFleet] = useState<Fleet | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(() => {
    void call('fleet').then((reply) => (reply.ok ? (setFleet(reply.value), setError(null)) : setError(reply.error)));
  }, []);
  useEffect(() => {
    reload();
    const timer = window.setInterval(reload, 2000);
    return () => window.clearInterval(timer);
  }, [reload]);
  return { fleet, error, reload };
}

/** Rows that pass the group and state filters, offline first: what needs a technician comes to the top. */
export function filterRows(rows: readonly FleetRow[], group: string, presence: PresenceFilter): FleetRow[] {
  const rank = { offline: 0, stale: 1, online: 2 } as const;
  return rows
    .filter((r) => (group === '' || (r.status.groups ?? []).includes(group)) && (presence === 'all' || r.presence === presence))
    .sort((a, b) => rank[a.presence] - rank[b.presence] || a.screenId.localeCompare(b.screenId));
}

export const groupsOf = (rows: readonly FleetRow[]): string[] => [...new Set(rows.flatMap((r) => r.status.groups ?? []))].sort();
