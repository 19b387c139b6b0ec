import { LOCAL_TOKEN_HEADER, PlayerState } from '../../../src/core/api/contract';
import { readLocalToken } from '../../../src/node/local-token';

/**
 * The state the renderer gets, fetched the same way from Node (127.0.0.1 only). With the
 * player's data folder, the operator's view: the local token shows the warnings too.
 */
export async function fetchState(baseUrl: string, dataDir?: string): Promise<PlayerState> {
  const token = dataDir ? await readLocalToken(dataDir) : undefined;
  const response = await fetch(new URL('api/state', baseUrl), token ? { headers: { [LOCAL_TOKEN_HEADER]: token } } : {});
  if (!response.ok) throw new Error(`GET api/state: HTTP ${response.status}`);
  return PlayerState.parse(await response.json());
}
