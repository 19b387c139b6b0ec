import type { Socket } from 'node:net';

/**
 * The largest MQTT packet the embedded broker takes: a play-record chunk (500 records) or a
 * screenshot (280 kB of base64) with room to spare. The broker library buffers a whole
 * packet before it checks anything, so a larger one is cut off by its header.
 */
export const MAX_PACKET_BYTES = 1024 * 1024;

type State = { readonly phase: 'type' } | { readonly phase: 'length'; readonly value: number; readonly shift: number } | { readonly phase: 'body'; readonly left: number };

/**
 * Walks MQTT fixed headers (a type byte, then the remaining length as a base-128 varint of up
 * to four bytes) across chunk boundaries. `feed` returns the declared size of the first packet
 * over `max`, or undefined while every packet so far fits.
 */
export function packetSizes(max: number): { feed(chunk: Uint8Array): number | undefined } {
  let state: State = { phase: 'type' };
  return {
    feed(chunk) {
      for (let i = 0; i < chunk.length;) {
        if (state.phase === 'body') {
          const take = Math.min(state.left, chunk.length - i);
          i += take;
          state = state.left - take === 0 ? { phase: 'type' } : { phase: 'body', left: state.left - take };
          continue;
        }
        const byte = chunk[i++] ?? 0;
        if (state.phase === 'type') {
          state = { phase: 'length', value: 0, shift: 0 };
          continue;
        }
        const value = state.value + (byte & 0x7f) * 2 ** state.shift;
        if (byte & 0x80 && state.shift < 21) state = { phase: 'length', value, shift: state.shift + 7 };
        else if (value > max) return value;
        else state = value === 0 ? { phase: 'type' } : { phase: 'body', left: value };
      }
      return undefined;
    },
  };
}

/** Destroys the connection as soon as a packet header announces more than `max` bytes. */
export function capPacketSizes(socket: Socket, max: number, log: (line: string) => void): void {
  const sizes = packetSizes(max);
  socket.on('data', (chunk: Buffer) => {
    const over = sizes.feed(chunk);
    if (over === undefined) return;
    log(`fleet: closed a connection from ${socket.remoteAddress ?? '?'} announcing a ${over}-byte packet (limit ${max})`);
    socket.destroy();
  });
}
