import { bar, fontsReady, markReady, TEXT } from './common';

/** The floor: the same text, not moving. */
const el = bar();
el.textContent = TEXT;
void fontsReady().then(markReady);
