/**
 * The strangler façade: the paths already migrated are served by this app; every other path is
 * forwarded, untouched, to the Django site that still serves them, so the browser sees one
 * origin. The forwarding runs before any body parser, session or CSRF middleware of this app:
 * Django reads its own requests, bodies and cookies, and checks its own CSRF tokens.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';

/**
 * The path prefixes the Express half serves (the views migrated so far). A path equal to one,
 * or under one ending in `/`, stays here; `/` alone is the home page only.
 */
export const MIGRATED_PATHS: readonly string[] = [
  '/',
  '/events/submissions',
  '/programme/',
  '/chair/',
  '/api/',
  '/static/',
  // Signing out is migrated: logout() flushes the shared session, so Django forgets the user too.
  '/accounts/logout/',
];

/** Whether `pathname` is served by the Express half. */
export function isMigrated(pathname: string): boolean {
  return MIGRATED_PATHS.some((prefix) =>
    prefix === '/' || !prefix.endsWith('/') ? pathname === prefix : pathname.startsWith(prefix),
  );
}

/**
 * Forward every request whose path is not migrated to `upstream` (Django's `runserver` or
 * gunicorn), keeping the `Host` header, so Django builds the same origin the browser uses
 * (its `ALLOWED_HOSTS` and CSRF origin check), and adding `X-Forwarded-For`/`-Proto`/`-Host`.
 */
export function djangoProxy(upstream: string): RequestHandler {
  return createProxyMiddleware<IncomingMessage>({
    target: upstream,
    changeOrigin: false,
    xfwd: true,
    pathFilter: (pathname) => !isMigrated(pathname),
  });
}
