import type { ContentItem } from '../model/content';
import type { LocalPolice, Region, RegionProfile } from '../model/region';
import type { PolicyConfig } from '../policy/content-policy';
import { phoneKeys } from '../policy/phones';

export type Hotline = RegionProfile['hotlines'][number];
/** What a number is for; the renderer labels it in the screen's language. */
export type HotlineRole = Hotline['role'];

/**
 * Each region's official numbers, in the order a screen shows them (docs/content.md cites
 * the source of each). Mainland: 110 and the national anti-fraud line 96110; Taiwan: the
 * National Police Agency's 165 and 110; Hong Kong: the police anti-scam line 18222 and 999.
 */
const REGION_HOTLINES: Readonly<Record<Region, readonly Hotline[]>> = {
  cn: [
    { role: 'police', number: '110' },
    { role: 'anti-fraud', number: '96110' },
  ],
  tw: [
    { role: 'anti-fraud', number: '165' },
    { role: 'police', number: '110' },
  ],
  hk: [
    { role: 'anti-fraud', number: '18222' },
    { role: 'emergency', number: '999' },
  ],
};

/** The region's hotlines, then the deployment's own police station when it gave one. */
export function hotlinesFor(region: Region, localPolice?: LocalPolice): readonly Hotline[] {
  const base = REGION_HOTLINES[region];
  if (!localPolice) return base;
  return [...base, { role: 'local-police', number: localPolice.number, ...(localPolice.label ? { label: localPolice.label } : {}) }];
}

/** Every number a screen of this region may show, for the content policy's allow-list. */
export function regionPhones(region: Region, localPolice?: LocalPolice): readonly string[] {
  return hotlinesFor(region, localPolice).map((h) => h.number);
}

/** The profile a screen plays with, built from the device config's region fields. */
export function regionProfile(config: {
  readonly region: Region;
  readonly localPolice?: LocalPolice | undefined;
  readonly helpQr?: string | undefined;
}): RegionProfile {
  return {
    region: config.region,
    hotlines: [...hotlinesFor(config.region, config.localPolice)],
    ...(config.helpQr ? { helpQr: config.helpQr } : {}),
  };
}

/** Items meant for other regions (they name other hotlines) are left out. */
export function forRegion(items: readonly ContentItem[], region: Region): ContentItem[] {
  return items.filter((i) => i.kind === 'alert' || !i.regions || i.regions.includes(region));
}

/**
 * Help slides without a code of their own get the deployment's help page; with none
 * configured they show no code at all rather than a generic homepage.
 */
export function withHelpQr(items: readonly ContentItem[], helpQr: string | undefined): ContentItem[] {
  if (!helpQr) return [...items];
  return items.map((i) => (i.kind === 'notice' && i.variant === 'help' && i.qr === undefined ? { ...i, qr: helpQr } : i));
}

/** The feed settings with the region's numbers allowed, so a feed may name this screen's hotlines. */
export function withRegionPhones<T extends { readonly allowedPhones: readonly string[] }>(
  feeds: T,
  config: { readonly region: Region; readonly localPolice?: LocalPolice | undefined },
): T {
  return { ...feeds, allowedPhones: [...feeds.allowedPhones, ...regionPhones(config.region, config.localPolice)] };
}

/**
 * The policy an item is checked against where its screens are not known yet (the console):
 * an item meant for some regions may name their hotlines, since only their screens show it.
 * A screen checks with its own region's numbers (`withRegionPhones`).
 */
export function policyForItem(policy: PolicyConfig, item: ContentItem): PolicyConfig {
  const regions = item.kind === 'alert' ? [] : (item.regions ?? []);
  if (regions.length === 0) return policy;
  const allowedPhones = [...policy.allowedPhones, ...regions.flatMap((r) => regionPhones(r))];
  return { ...policy, allowedPhones, allowedPhoneKeys: phoneKeys(allowedPhones) };
}
