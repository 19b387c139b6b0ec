import { createRoot } from 'react-dom/client';
import MarqueeModule from 'react-fast-marquee';
import { bar, fontsReady, markReady, SPEED, TEXT } from './common';

// The package is CommonJS with an ES-module default inside: unwrap whichever shape arrives.
const Marquee = (MarqueeModule as unknown as { default?: typeof MarqueeModule }).default ?? MarqueeModule;
const el = bar();
void fontsReady().then(() => {
  createRoot(el).render(
    <Marquee speed={SPEED} autoFill play onMount={markReady}>
      <span style={{ whiteSpace: 'pre' }}>{TEXT}</span>
    </Marquee>,
  );
});
