// The same font files the player loads (src/renderer/main.tsx), so both pages pay for them alike.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import '@fontsource/noto-sans-tc/400.css';
import '@fontsource/noto-sans-tc/700.css';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
