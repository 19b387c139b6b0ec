import { z } from 'zod';
import { strictObject } from './strict';
import { ContentKind } from './content';

/** A feed carries every kind of content item. */
export const FeedKind = ContentKind;
export type FeedKind = z.infer<typeof FeedKind>;

const HostName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(\*\.)?[a-z0-9.-]+(:\d+)?$/i, 'a host name such as example.org or *.example.org');

export const FeedSource = strictObject({
  url: z.string().url(),
  /** Kind of the items that carry no recognised category. */
  defaultKind: FeedKind.default('slogan'),
  /** Allow plain http for this feed's host (a school intranet, say). */
  allowHttp: z.boolean().default(false),
  /** Tags added to every item of this feed, so a playlist can pick them (ticker sources). */
  tags: z.array(z.string().min(1).max(40)).max(10).default([]),
  /** `feed`: RSS, Atom or JSON Feed. `cap`: one CAP 1.2 alert, or an Atom or RSS feed of CAP entries (docs/fleet.md). */
  type: z.enum(['feed', 'cap']).default('feed'),
  /** A console group's signed playlist document, fetched with the feed (what `publisher` sets up). */
  playlist: z.string().url().optional(),
  /** This source's own Ed25519 key, instead of `publicKey` (what `publisher` sets up). */
  publicKey: z.string().min(40).max(2000).optional(),
  /** For `cap` sources. */
  cap: strictObject({
    /** Shown besides status Actual; Draft and System never are. */
    include: z.array(z.enum(['Exercise', 'Test'])).default([]),
    /** Only alerts for these areas (an alert with no <area> concerns everyone); none: all. */
    geocodes: z.array(z.string().min(1).max(40)).max(200).default([]),
    areaDesc: z.array(z.string().min(1).max(100)).max(200).default([]),
    /** How long an alert without <expires> stays. */
    defaultHours: z.number().min(1).max(168).default(6),
  }).prefault({}),
});
export type FeedSource = z.infer<typeof FeedSource>;

export const FeedTimeouts = strictObject({
  /** TCP + TLS connect. */
  connectMs: z.number().int().min(100).max(120_000).default(10_000),
  /** Whole feed request, headers and body together. */
  feedMs: z.number().int().min(100).max(600_000).default(30_000),
  /** Whole media download of one file. */
  mediaMs: z.number().int().min(100).max(3_600_000).default(600_000),
  /** Parsing one feed body (in its own thread); a slower feed is stopped and the last good content kept. */
  parseMs: z.number().int().min(10).max(600_000).default(15_000),
});
export type FeedTimeouts = z.infer<typeof FeedTimeouts>;

export const FeedSettings = strictObject({
  sources: z.array(FeedSource).default([]),
  pollSeconds: z.number().int().min(2).max(86400).default(300),
  /** Items published longer ago than this are dropped. */
  maxAgeDays: z.number().positive().max(3650).default(30),
  /** Newest items kept per feed; the rest are dropped. */
  maxItemsPerFeed: z.number().int().min(1).max(5000).default(300),
  /** Ed25519 public key (PEM or base64 SPKI). When set, every feed must be signed. */
  publicKey: z.string().min(40).max(2000).optional(),
  /** When non-empty, feeds and media may only come from these hosts (`*.example.org` for subdomains). */
  allowedHosts: z.array(HostName).default([]),
  /**
   * Hosts that may resolve to loopback, private, link-local, CGNAT or ULA addresses (an
   * intranet feed server). Everything else must be on a public address, checked after DNS.
   */
  privateHosts: z.array(HostName).default([]),
  maxFeedBytes: z.number().int().min(1024).max(100_000_000).default(5_000_000),
  maxMediaBytes: z.number().int().min(1024).max(4_000_000_000).default(300_000_000),
  cacheQuotaMb: z.number().min(1).max(1_000_000).default(2048),
  maxRedirects: z.number().int().min(0).max(10).default(5),
  timeouts: FeedTimeouts.prefault({}),
  /** Added to the built-in list of blocked terms (gambling spam and the like). */
  blockedTerms: z.array(z.string().min(1).max(100)).default([]),
  /** Phone numbers that may appear in feed text, besides 110 and 96110. */
  allowedPhones: z.array(z.string().regex(/^\+?[\d -]{3,20}$/, 'a phone number')).default([]),
  /** Hosts that links and QR codes in feed text may point to. */
  allowedLinkHosts: z.array(HostName).default([]),
});
export type FeedSettings = z.infer<typeof FeedSettings>;
