import { useCallback, useState } from 'react';
import { callRoute } from './api/client';
import { onPinKey } from './pin-entry';
import { useOperatorChord } from './use-operator-chord';

export interface OperatorView {
  readonly open: boolean;
  readonly pinLength: number;
  readonly message: string;
  /** The operator stopped the ticker's motion ("p" while the overlay is open). */
  readonly motionPaused: boolean;
}

/** The operator overlay's state: shown by the chord; digits + Enter ask to leave kiosk mode. */
export function useOperator(): OperatorView {
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState('');
  const [motionPaused, setMotionPaused] = useState(false);

  const submit = useCallback(async (attempt: string) => {
    setMessage('checking…');
    const result = await callRoute('operatorExit', { pin: attempt });
    if (!result.ok) setMessage(result.error);
    else setMessage(result.value.ok ? 'leaving kiosk mode' : (result.value.error ?? 'refused'));
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
  }, []);

  useOperatorChord({ toggle, whileOpen, open });
  return { open, pinLength: pin.length, message, motionPaused };
}
