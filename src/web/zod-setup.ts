import { z } from 'zod';

// Imported first by main.tsx: zod decides per schema, when the schema is created, whether to
// compile it with `new Function`. The CSP forbids eval, and the probe alone logs a violation.
z.config({ jitless: true });
