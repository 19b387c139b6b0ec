import { PlayerState } from '../../../src/core/api/contract';

/** The state the renderer gets, fetched the same way from Node (127.0.0.1 only). */
export async function fetchState(baseUrl: string): Promise<PlayerState> {
  const response = await fetch(new URL('api/state', baseUrl));
  if (!response.ok) throw new Error(`GET api/state: HTTP ${response.status}`);
  return PlayerState.parse(await response.json());
}
