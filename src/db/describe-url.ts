/**
 * `postgres://user:secret@db.example:5432/moedebot?sslmode=require` → `postgres://db.example:5432/moedebot`:
 * what a log line or an error may say of DATABASE_URL. The user name and password never appear.
 */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
