import { err, ok, type Result } from '../result';
import { CapAlert, CapMsgType, CapStatus, type CapArea, type CapInfo, type CapRef } from './cap-model';

/**
 * xml2js's object for a CAP <alert> (every child an array, text possibly under `_`) to a
 * CapAlert. Pure and total: unknown shapes become errors, never exceptions. Each field is
 * cut to a fixed size first, so a 1 MB <description> costs nothing later.
 */
const LIMITS = { short: 200, text: 2000 } as const;
type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isNode(v) && typeof v._ === 'string') return v._;
  return undefined;
}

function first(node: Node, key: string, limit: number = LIMITS.short): string | undefined {
  const raw = node[key];
  const value = textOf(Array.isArray(raw) ? raw[0] : raw);
  return value === undefined ? undefined : value.slice(0, limit).trim();
}

function all(node: Node, key: string): Node[] {
  const raw = node[key];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter(isNode).slice(0, 50);
}

function parseRefs(text: string | undefined): CapRef[] {
  if (!text) return [];
  return text
    .split(/\s+/)
    .slice(0, 50)
    .map((t) => t.split(','))
    .filter((p) => p.length === 3 && p.every((s) => s.length > 0))
    .map(([sender, identifier, sent]) => ({ sender: sender!, identifier: identifier!, sent: sent! }));
}

function toArea(node: Node): CapArea {
  return {
    areaDesc: first(node, 'areaDesc', LIMITS.text) ?? '',
    geocodes: all(node, 'geocode').map((g) => ({ valueName: first(g, 'valueName') ?? '', value: first(g, 'value') ?? '' })),
  };
}

function toInfo(node: Node): CapInfo {
  const optional = (key: string, limit?: number): Partial<Record<string, string>> => {
    const value = first(node, key, limit);
    return value ? { [key]: value } : {};
  };
  return {
    // CAP 1.2 §3.2.2: a missing <language> means en-US.
    language: first(node, 'language') || 'en-US',
    event: first(node, 'event') ?? '',
    urgency: first(node, 'urgency') ?? 'Unknown',
    severity: first(node, 'severity') ?? 'Unknown',
    certainty: first(node, 'certainty') ?? 'Unknown',
    ...optional('effective'),
    ...optional('onset'),
    ...optional('expires'),
    ...optional('senderName'),
    ...optional('headline'),
    ...optional('description', LIMITS.text),
    ...optional('instruction', LIMITS.text),
    areas: all(node, 'area').map(toArea),
  };
}

export function capFromXml(root: unknown): Result<CapAlert> {
  if (!isNode(root)) return err('not a CAP <alert> element');
  const status = CapStatus.safeParse(first(root, 'status'));
  const msgType = CapMsgType.safeParse(first(root, 'msgType'));
  if (!status.success) return err(`CAP <status> "${first(root, 'status') ?? ''}" is not one of ${CapStatus.options.join(', ')}`);
  if (!msgType.success) return err(`CAP <msgType> "${first(root, 'msgType') ?? ''}" is not one of ${CapMsgType.options.join(', ')}`);
  const alert = {
    identifier: first(root, 'identifier') ?? '',
    sender: first(root, 'sender') ?? '',
    sent: first(root, 'sent') ?? '',
    status: status.data,
    msgType: msgType.data,
    scope: first(root, 'scope') ?? '',
    references: parseRefs(first(root, 'references', LIMITS.text)),
    infos: all(root, 'info').map(toInfo),
  };
  const parsed = CapAlert.safeParse(alert);
  if (!parsed.success) return err(`CAP alert lacks ${parsed.error.issues[0]?.path.join('.') ?? 'a required element'}`);
  if (Number.isNaN(Date.parse(alert.sent))) return err(`CAP <sent> "${alert.sent}" is not a date`);
  return ok(parsed.data);
}
