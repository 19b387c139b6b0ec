import { z } from 'zod';

/** CAP 1.2 (OASIS), only what a screen needs, with every string capped before any regex sees it. */
export const CapStatus = z.enum(['Actual', 'Exercise', 'System', 'Test', 'Draft']);
export type CapStatus = z.infer<typeof CapStatus>;
export const CapMsgType = z.enum(['Alert', 'Update', 'Cancel', 'Ack', 'Error']);
export type CapMsgType = z.infer<typeof CapMsgType>;

export const CapArea = z.strictObject({
  areaDesc: z.string(),
  geocodes: z.array(z.strictObject({ valueName: z.string(), value: z.string() })),
});
export type CapArea = z.infer<typeof CapArea>;

export const CapInfo = z.strictObject({
  language: z.string(),
  event: z.string(),
  urgency: z.string(),
  severity: z.string(),
  certainty: z.string(),
  effective: z.string().optional(),
  onset: z.string().optional(),
  expires: z.string().optional(),
  senderName: z.string().optional(),
  headline: z.string().optional(),
  description: z.string().optional(),
  instruction: z.string().optional(),
  areas: z.array(CapArea),
});
export type CapInfo = z.infer<typeof CapInfo>;

/** A reference to an earlier message: "sender,identifier,sent". */
export const CapRef = z.strictObject({ sender: z.string(), identifier: z.string(), sent: z.string() });
export type CapRef = z.infer<typeof CapRef>;

export const CapAlert = z.strictObject({
  identifier: z.string().min(1),
  sender: z.string().min(1),
  sent: z.string().min(1),
  status: CapStatus,
  msgType: CapMsgType,
  scope: z.string(),
  references: z.array(CapRef),
  infos: z.array(CapInfo),
});
export type CapAlert = z.infer<typeof CapAlert>;

/** The identity of a message across Alert, Update and Cancel. */
export const capKey = (a: { sender: string; identifier: string }): string => `${a.sender},${a.identifier}`;
