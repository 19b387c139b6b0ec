import { useCallback, useState } from 'react';
import type { OperatorDetails } from '../core/api/contract';
import { callRoute } from './api/client';
import { onPinKey } from './pin-entry';
import { useOperatorChord } from './use-operator-chord';

export interface OperatorView {
  readonly open: boolean;
  readonly pinLength: number;
  readonly message: string;
  /** Warnings and quarantine, once the operator's PIN matched; the public state leaves them out. */
  readonly details: OperatorDetails | undefined;
  /** The operator stopped the ticker's motion ("p" while the overlay is open). */
  readonly motionPaused: boolean;
}

/** The operator overlay's state: shown by the chord; digits + Enter ask to leave kiosk mode. */
export function useOperator(): OperatorView {
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState('');
  const [details, setDetails] = useState<OperatorDetails | undefined>(undefined);
  const [motionPaused, setMotionPaused] = useState(false);

  const submit = useCallback(async (attempt: string) => {
    setMessage('checking…');
    const result = await callRoute('operatorExit', { pin: attempt });
    if (!result.ok) setMessage(result.error);
    else {
      setMessage(result.value.ok ? 'leaving kiosk mode' : (result.value.error ?? 'refused'));
      setDetails(result.value.details);
    }
  }, []);

  const whileOpen = useCallback(
    (key: string) => {
      if (key === 'p' || key === 'P') return setMotionPaused((p) => !p);
      const result = onPinKey(pin, key);
      if (result.kind === 'edit') setPin(result.pin);
      if (result.kind === 'submit') {
        setPin('');
        void submit(result.pin);
      }
    },
    [pin, submit],
  );

  const toggle = useCallback(() => {
    setOpen((shown) => !shown);
    setPin('');
    setMessage('');
    setDetails(undefined);
  }, []);

  useOperatorChord({ toggle, whileOpen, open });
  return { open, pinLength: pin.length, message, details, motionPaused };
}
