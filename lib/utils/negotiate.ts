/** Content negotiation between an HTML page and a JSON problem, for error answers. */
import type { Request } from 'express';

/** The types an error answer can take, in the order that wins a tie (`*\/*`, no `Accept`). */
const ERROR_TYPES = ['text/html', 'application/json', 'application/problem+json'];

/**
 * Whether the client prefers JSON to HTML, ranked by `Accept` as Express's `req.accepts`
 * (the `accepts` package) ranks it: `Accept: application/json` or
 * `application/problem+json` does; a browser's `text/html,…,*\/*;q=0.8`, `*\/*` and no
 * `Accept` at all get HTML. A request without `req.accepts` (not through Express) gets HTML.
 */
export function prefersJson(req: Pick<Request, 'accepts'>): boolean {
  if (typeof req.accepts !== 'function') return false;
  const best = req.accepts(ERROR_TYPES);
  return best === 'application/json' || best === 'application/problem+json';
}
