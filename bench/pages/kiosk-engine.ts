import { createTickerEngine } from '../../src/renderer/player/ticker-engine';
import { bar, fontsReady, markReady, params, SPEED, TEXT } from './common';

/** This project's ticker engine, in the same bar as the peers (the player itself is measured separately). */
const el = bar();
const viewport = document.createElement('div');
viewport.className = 'ticker';
const track = document.createElement('div');
track.className = 'ticker-track';
viewport.append(track);
el.append(viewport);
void fontsReady().then(() => {
  createTickerEngine(viewport, track).update({ text: TEXT, speed: SPEED, charsPerSecond: 6, wholePixelSteps: params.get('whole') === '1' });
  markReady();
});
