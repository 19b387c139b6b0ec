import { z } from 'zod';
import { strictObject } from './strict';

const TopicSafe = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-" (max 64)');

/**
 * The fleet channel: an MQTT broker (the console's embedded one, or Mosquitto / EMQX).
 * Optional: without it the screen plays and polls its feed exactly as before.
 */
export const FleetSettings = strictObject({
  /** mqtt://host:1883 or mqtts://host:8883 (TLS). */
  broker: z.string().regex(/^mqtts?:\/\/[^\s/]+(:\d+)?\/?$/, 'mqtt://host:port or mqtts://host:port'),
  /** Topic prefix shared by the console and every screen of the organisation. */
  prefix: z.string().regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'topic levels of letters, digits, ".", "_" or "-"').default('kiosk'),
  groups: z.array(TopicSafe).max(20).default([]),
  username: z.string().max(200).optional(),
  password: z.string().max(200).optional(),
  /** PEM files for mqtts: a private CA, and a client certificate per screen. */
  caFile: z.string().optional(),
  certFile: z.string().optional(),
  keyFile: z.string().optional(),
  /** Ed25519 public key of the publisher (PEM or base64 SPKI); defaults to feeds.publicKey. */
  publicKey: z.string().min(40).max(2000).optional(),
  heartbeatSeconds: z.number().int().min(5).max(3600).default(30),
  /** MQTT keep-alive: the broker declares the screen offline after 1.5× this without traffic. */
  keepaliveSeconds: z.number().int().min(5).max(600).default(30),
  /** How often sealed play records go to the console (also on every connect). */
  uploadSeconds: z.number().int().min(5).max(86_400).default(300),
});
export type FleetSettings = z.infer<typeof FleetSettings>;
