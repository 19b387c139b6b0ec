import type { ContentItem } from '../model/content';
import { OFFICIAL_LIST_TAG } from '../import/list-slides';
import { assertNever } from '../assert-never';
import { err, ok, type Result } from '../result';
import { blockedSpan, DEFAULT_BLOCKED_TERMS, findBlockedTerm } from './blocked-terms';
import { linkProblem } from './link-check';
import { MAX_LINK_CANDIDATES, scanLinks } from './links';
import { idsIn } from './messenger-ids';
import { DEFAULT_ALLOWED_PHONES, MAX_NUMBER_RUNS, phoneKeys, scanPhones } from './phones';
import { findGamblingPitch } from './gambling-pitch';
import { checkQr } from './qr';
import { joinSpelledOut } from './spelled-out';
import { spokenAsDigits } from './spoken-digits';
import { viewOf, type ViewerText } from './viewer-text';

export interface PolicyConfig {
  readonly blockedTerms: readonly string[];
  readonly allowedPhones: readonly string[];
  readonly allowedLinkHosts: readonly string[];
  /** `allowedPhones` reduced once to the keys numbers in text are compared by. */
  readonly allowedPhoneKeys: ReadonlySet<string>;
}

export const policyConfig = (extra: {
  blockedTerms: readonly string[];
  allowedPhones: readonly string[];
  allowedLinkHosts: readonly string[];
}): PolicyConfig => {
  const allowedPhones = [...DEFAULT_ALLOWED_PHONES, ...extra.allowedPhones];
  return {
    blockedTerms: [...DEFAULT_BLOCKED_TERMS, ...extra.blockedTerms],
    allowedPhones,
    allowedLinkHosts: extra.allowedLinkHosts,
    allowedPhoneKeys: phoneKeys(allowedPhones),
  };
};

const DEFANGED_HOST = /[\p{L}\p{N}-]+(?:\[\.\][\p{L}\p{N}-]+)+/gu;

/**
 * An official scam list slide names its sites defanged (example[.]com), as text that no
 * reader can follow; only there are such hosts let through. Everything else on the slide,
 * and any host written with a real dot, is checked as usual.
 */
function withoutDefangedHosts(item: ContentItem, text: string): string {
  if (item.kind !== 'notice' || !item.tags?.includes(OFFICIAL_LIST_TAG)) return text;
  return text.replace(DEFANGED_HOST, '▪');
}

/** The text a viewer reads, field by field; QR payloads are checked separately. */
export function visibleText(item: ContentItem): readonly string[] {
  switch (item.kind) {
    case 'slogan':
      return [item.text];
    case 'case':
      return [item.title, item.story, item.lesson, item.source];
    case 'video':
      return [item.title];
    case 'notice':
      return [item.title, item.text];
    case 'alert':
      return [item.text];
    default:
      return assertNever(item, 'content kind');
  }
}

// Items are schema-capped far below this; the cap keeps a bad caller from feeding megabytes to the regexes.
const MAX_CHECKED = 20_000;

function blockedProblem(view: ViewerText, config: PolicyConfig, where = ''): string | undefined {
  const term = findBlockedTerm(view.norm, config.blockedTerms);
  if (term === undefined) return undefined;
  const span = blockedSpan(view.norm, term);
  const as = span !== undefined && span !== term ? ` written as ${JSON.stringify(span)}` : '';
  return `blocked term "${term}"${as}${where}`;
}

function pitchProblem(view: ViewerText): string | undefined {
  const pitch = findGamblingPitch(view.norm);
  return pitch === undefined ? undefined : `gambling or rebate pitch (${pitch})`;
}

function phoneProblem(view: ViewerText, config: PolicyConfig): string | undefined {
  const scan = scanPhones(view, config.allowedPhoneKeys, true);
  if (scan.kind === 'too-many') return `more than ${MAX_NUMBER_RUNS} numbers: too many to check`;
  const [phone] = scan.phones;
  return phone ? `phone number "${phone.shown}" is not on allowedPhones` : spokenPhoneProblem(view, config);
}

/** A number spelt in words ("yao san ba…", "one three eight…") is read as digits and checked again. */
function spokenPhoneProblem(view: ViewerText, config: PolicyConfig): string | undefined {
  const spoken = spokenAsDigits(view.norm);
  if (spoken.runs.length === 0) return undefined;
  const scan = scanPhones(viewOf(spoken.text), config.allowedPhoneKeys, true);
  if (scan.kind === 'too-many') return `more than ${MAX_NUMBER_RUNS} numbers: too many to check`;
  const [phone] = scan.phones;
  return phone ? `phone number written in words (read as "${phone.key}") is not on allowedPhones` : undefined;
}

function linksProblem(view: ViewerText, config: PolicyConfig): string | undefined {
  // "w w w . b a d . c o m": letters spaced apart are read as the word they spell.
  const joined = joinSpelledOut(view.norm);
  return linksIn(view, config) ?? (joined === view.norm ? undefined : linksIn(viewOf(joined), config));
}

function linksIn(view: ViewerText, config: PolicyConfig): string | undefined {
  const scan = scanLinks(view);
  if (scan.kind === 'too-many') return `more than ${MAX_LINK_CANDIDATES} link-like words: too many to check`;
  for (const link of scan.links) {
    const problem = linkProblem(link, config.allowedLinkHosts);
    if (problem) return problem;
  }
  return undefined;
}

function contactProblem(view: ViewerText, config: PolicyConfig): string | undefined {
  const [id] = idsIn(view);
  if (id) return `${id.app} id "${id.id}" would send viewers to a private chat`;
  return phoneProblem(view, config) ?? linksProblem(view, config);
}

function qrProblem(qr: string, config: PolicyConfig): string | undefined {
  return blockedProblem(viewOf(qr), config, ' in QR code') ?? checkQr(qr, config);
}

/**
 * Verdicts per policy (its terms, phones and hosts) and per checked text: a feed polled again
 * brings mostly the items it had, and the verdict is a function of the text alone. Bounded:
 * a full table is dropped whole, never grown.
 */
const MAX_VERDICTS = 20_000;
const verdicts = new Map<string, Map<string, string | null>>();
const configKeys = new WeakMap<PolicyConfig, string>();

/** What a policy decides by, as one string: equal strings, equal verdicts. */
export function policyKey(config: PolicyConfig): string {
  let key = configKeys.get(config);
  if (key === undefined) {
    key = JSON.stringify([config.blockedTerms, config.allowedPhones, config.allowedLinkHosts, [...config.allowedPhoneKeys]]);
    configKeys.set(config, key);
  }
  return key;
}

function verdictTable(config: PolicyConfig): Map<string, string | null> {
  const key = policyKey(config);
  let table = verdicts.get(key);
  if (!table || table.size >= MAX_VERDICTS) {
    if (verdicts.size >= 8) verdicts.clear();
    table = new Map();
    verdicts.set(key, table);
  }
  return table;
}

function findProblem(item: ContentItem, all: string, config: PolicyConfig): string | undefined {
  const view = viewOf(all);
  return (
    blockedProblem(view, config) ??
    pitchProblem(view) ??
    contactProblem(view, config) ??
    (item.kind === 'notice' && item.qr !== undefined ? qrProblem(item.qr, config) : undefined)
  );
}

/**
 * Decides whether an item may reach the screen. A reason naming what was found comes back
 * when it may not; the operator sees the reason, the public never sees the item.
 */
export function checkItem(item: ContentItem, config: PolicyConfig): Result<ContentItem> {
  // Fields are joined by a character no finder reads across, so "…138" + "0013…" stays apart.
  const all = withoutDefangedHosts(item, visibleText(item).join('\n|\n'));
  if (all.length > MAX_CHECKED) return err(`text is too long to check (${all.length} characters)`);
  // Everything below reads only the joined text, and a notice's QR payload.
  const qr = item.kind === 'notice' && item.qr !== undefined ? item.qr : undefined;
  const key = qr === undefined ? `-${all}` : `q${qr.length}:${qr}${all}`;
  const table = verdictTable(config);
  let problem = table.get(key);
  if (problem === undefined) {
    problem = findProblem(item, all, config) ?? null;
    table.set(key, problem);
  }
  return problem === null ? ok(item) : err(problem);
}
