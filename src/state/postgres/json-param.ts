/**
 * A value as a `jsonb` parameter (`$n::jsonb`). Passed as JSON text rather than left to the
 * driver, so `pg` and PGlite send exactly the same thing (they serialise arrays differently).
 */
export function jsonParam(value: unknown): string {
  return JSON.stringify(value);
}
