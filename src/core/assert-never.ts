/** Exhaustiveness guard for discriminated unions: a new variant becomes a compile error. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
