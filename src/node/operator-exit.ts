import type { OperatorDetails, RouteResponse } from '../core/api/contract';
import { decidePin, lockRemaining, PIN_LOCKED_MESSAGE } from '../core/operator/pin-guard';
import { loadPinState, preparePinCheck, savePinState } from './operator-pin';

type Reply = RouteResponse<'operatorExit'>;

export const NOT_KIOSK_REPLY: Reply = { ok: false, error: 'this player is not in kiosk mode' };
export const NO_PIN_REPLY: Reply = { ok: false, error: 'no operator PIN is set in the config' };

/**
 * The operator's way out of kiosk mode. Outside kiosk mode (the browser player) every PIN
 * gets the same answer, so the page is no oracle for guessing it. In kiosk mode the PIN is
 * compared with its stored hash, and wrong ones back off as decided in core, across restarts.
 */
export async function createOperatorExit(opts: {
  readonly dataDir: string;
  readonly pin: string | undefined;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  readonly details: () => OperatorDetails;
  readonly onExitRequest?: () => void;
}): Promise<(pin: string) => Promise<Reply>> {
  const onExit = opts.onExitRequest;
  if (!onExit) return () => Promise.resolve(NOT_KIOSK_REPLY);
  if (!opts.pin) return () => Promise.resolve(NO_PIN_REPLY);
  const check = await preparePinCheck(opts.dataDir, opts.pin);
  let state = await loadPinState(opts.dataDir);
  // One attempt at a time: parallel requests must not all slip past the same lock check.
  let queue: Promise<unknown> = Promise.resolve();
  const attempt = async (pin: string): Promise<Reply> => {
    if (lockRemaining(state, opts.now().getTime()) > 0) return { ok: false, error: PIN_LOCKED_MESSAGE };
    const decision = decidePin(state, await check(pin), opts.now().getTime());
    state = decision.state;
    await savePinState(opts.dataDir, state);
    if (!decision.ok) {
      opts.log(`operator exit refused: ${decision.error}`);
      return { ok: false, error: decision.error };
    }
    opts.log('operator left kiosk mode');
    onExit();
    return { ok: true, details: opts.details() };
  };
  return (pin) => {
    const next = queue.then(() => attempt(pin));
    queue = next.catch(() => undefined);
    return next;
  };
}
