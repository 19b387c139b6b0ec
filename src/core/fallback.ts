import { Playlist } from './model/playlist';

/**
 * The playlist used when the configured one cannot be read: no pack, so the renderer
 * shows its built-in fallback slide and ticker. The screen is never dark.
 */
export const FALLBACK_PLAYLIST: Playlist = Playlist.parse({
  name: 'Built-in fallback',
  pack: ['(none)'],
  locales: ['zh-CN', 'en'],
  stage: [],
});
