import { checkPin, INITIAL_PIN_STATE } from '../core/operator/pin-guard';

/** The operator's way out of kiosk mode: the config's PIN, with the lockout decided in core. */
export function createOperatorExit(opts: {
  readonly pin: string | undefined;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  readonly onExitRequest?: () => void;
}): (pin: string) => { ok: boolean; error?: string } {
  let state = INITIAL_PIN_STATE;
  return (pin) => {
    const decision = checkPin(opts.pin, pin, state, opts.now().getTime());
    state = decision.state;
    if (!decision.ok) {
      opts.log(`operator exit refused: ${decision.error}`);
      return { ok: false, error: decision.error };
    }
    if (!opts.onExitRequest) return { ok: false, error: 'this player is not in kiosk mode' };
    opts.log('operator left kiosk mode');
    opts.onExitRequest();
    return { ok: true };
  };
}
