import type { KeyObject } from 'node:crypto';
import { err, type Result } from '../../core/result';
import {
  FleetMessage,
  SignedMessageEnvelope,
  parseFleetMessage,
} from '../../core/fleet/signed-message';
import { signBytes, verifyBytes } from '../signing/ed25519';

/** Signs a fleet message: the JSON text as sent is exactly the text signed. */
export function sealMessage(message: FleetMessage, privateKey: KeyObject): string {
  const text = JSON.stringify(FleetMessage.parse(message));
  const envelope: SignedMessageEnvelope = {
    format: 'kiosk-signed-message/1',
    message: text,
    signature: signBytes(Buffer.from(text, 'utf8'), privateKey),
  };
  return JSON.stringify(envelope);
}

/** Payload bytes from the broker to a verified message, or why not. Nothing is trusted before this. */
export function openMessage(payload: Uint8Array, publicKey: KeyObject): Result<FleetMessage> {
  if (payload.byteLength > 256_000) return err('message is too large');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    return err('message is not JSON');
  }
  const envelope = SignedMessageEnvelope.safeParse(json);
  if (!envelope.success) return err('message is not a signed envelope (unsigned messages are refused)');
  if (!verifyBytes(Buffer.from(envelope.data.message, 'utf8'), envelope.data.signature, publicKey)) {
    return err('bad signature');
  }
  return parseFleetMessage(envelope.data.message);
}
