import { createHash } from 'node:crypto';
import { ENROL_PREFIX, EnrolValue } from '../../core/fleet/enrolment';
import { formatIssues } from '../../core/model/issues';
import { err, ok, type Result } from '../../core/result';

/** base64url SHA-256 of a public key's SPKI DER (given as base64): what an enrolment value pins. */
export const keyFingerprint = (publicKeyBase64: string): string =>
  createHash('sha256').update(Buffer.from(publicKeyBase64.trim(), 'base64')).digest('base64url');

export const encodeEnrol = (value: EnrolValue): string => `${ENROL_PREFIX}${Buffer.from(JSON.stringify(EnrolValue.parse(value))).toString('base64url')}`;

export function decodeEnrol(text: string): Result<EnrolValue> {
  const trimmed = text.trim();
  if (!trimmed.startsWith(ENROL_PREFIX)) return err(`an enrolment value starts with "${ENROL_PREFIX}" (the "enrol" column of kiosk enrol's CSV)`);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(trimmed.slice(ENROL_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return err('the enrolment value is damaged (not readable): copy the whole "enrol" cell again');
  }
  const parsed = EnrolValue.safeParse(json);
  return parsed.success ? ok(parsed.data) : err(formatIssues('enrolment value', parsed.error).join('; '));
}
