import { z } from 'zod';
import { DeviceConfig } from './config';
import { PackFile } from './pack';
import { Playlist } from './playlist';
import { BundleManifest, ReturnsStatus } from '../bundle/manifest';
import { PublishedFeed, PublishedPlaylist } from '../contract/published';

/** The editor-facing JSON Schemas, emitted from the same zod schemas the kiosk validates with. */
export const JSON_SCHEMAS = {
  'pack.schema.json': PackFile,
  'playlist.schema.json': Playlist,
  'config.schema.json': DeviceConfig,
  'usb-bundle-manifest.schema.json': BundleManifest,
  'usb-returns-status.schema.json': ReturnsStatus,
  /** The published folder's documents (src/core/contract/published.ts): what the console writes and screens read. */
  'published-feed.schema.json': PublishedFeed,
  'published-playlist.schema.json': PublishedPlaylist,
} as const;

export function jsonSchemaOf(schema: z.ZodType, title: string): Record<string, unknown> {
  // "input": defaults make fields optional for the author, as the loader fills them in.
  return { title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) };
}
