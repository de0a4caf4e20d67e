/**
 * What templates see (Django's `csrf` context processor and `{% csrf_token %}`): `csrfToken`
 * and `csrfInput()` in `res.locals`, under the context of `res.render`, `render()` and
 * `TemplateResponse`. Lazy, as Django's: a page that prints neither gets no token and no
 * cookie, so it stays cacheable; one token per request, however often it is printed.
 */
import type { Request } from 'express';
import { getCsrfToken } from './state.js';
import { CSRF_FIELD } from './form-token.js';

const tokens = new WeakMap<object, string>();

/** The request's template token: made on first use, then the same for the whole page. */
function pageToken(req: Request): string {
  let token = tokens.get(req);
  if (token === undefined) {
    token = getCsrfToken(req);
    tokens.set(req, token);
  }
  return token;
}

/** `csrfToken` in a template: prints the token; made only when printed. */
class LazyCsrfToken {
  readonly #req: Request;
  constructor(req: Request) {
    this.#req = req;
  }
  toString(): string {
    return pageToken(this.#req);
  }
  toJSON(): string {
    return pageToken(this.#req);
  }
}

/**
 * Django's `{% csrf_token %}`: the hidden field a POST form carries,
 * `<input type="hidden" name="csrfmiddlewaretoken" value="…">`, with this request's token
 * (the one `csrfToken` prints in the same page). It is HTML: print it unescaped
 * (`{{ csrfInput() | safe }}` in Nunjucks, `<%- csrfInput() %>` in EJS, `!= csrfInput()` in Pug).
 *
 * @example
 * ```ts
 * app.get('/vote', (req, res) => res.send(`<form method="post">${csrfInput(req)}<button>Vote</button></form>`));
 * ```
 */
export function csrfInput(req: Request): string {
  return `<input type="hidden" name="${CSRF_FIELD}" value="${pageToken(req)}">`;
}

/** Put `csrfToken` and `csrfInput()` in `res.locals` of `req`, once. */
export function csrfContext(req: Request): void {
  const locals = (req.res as { locals?: Record<string, unknown> } | undefined)?.locals;
  if (locals === undefined || locals.csrfToken !== undefined) return;
  locals.csrfToken = new LazyCsrfToken(req);
  locals.csrfInput = () => csrfInput(req);
}
