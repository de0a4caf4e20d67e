/**
 * Django's CSRF protection (`django.middleware.csrf`), plus the Fetch Metadata check:
 * `CsrfViewMiddleware`, the class; `csrfViewMiddleware(options)`, the same as an Express
 * middleware for `app.use()` that checks every unsafe request to every route after it, plain
 * handlers as much as views; the token functions and the template context.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import vary from 'vary';
import { MiddlewareMixin, type HookResult } from './mixin.js';
import { commitBeforeWriting } from './response-commit.js';
import type { AnyViewHandler, ViewResult } from '../views/types.js';
import { isHttpResponse } from '../http/response-base.js';
import { makeCookie, type CookieOptions } from '../http/cookies.js';
import { mountView } from '../views/mount.js';
import { patchResult } from '../views/decorators/wrap.js';
import { patchVaryHeaders } from '../utils/cache.js';
import { csrfSettings, type CsrfOptions, type CsrfSettings } from './csrf/settings.js';
import {
  addNewCsrfSecret,
  csrfChecksWaived,
  csrfState,
  sessionSecret,
  storeSessionSecret,
  type CsrfState,
} from './csrf/state.js';
import {
  CSRF_TOKEN_LENGTH,
  InvalidTokenFormat,
  checkTokenFormat,
  doesTokenMatch,
  unmaskCipherToken,
} from './csrf/token.js';
import { fetchMetadataProblem, originVerified, refererProblem, REASON_BAD_ORIGIN } from './csrf/origin.js';
import { BODY_TOO_LARGE, readFormToken } from './csrf/form-token.js';
import { REASON_CSRF_TOKEN_MISSING, REASON_NO_CSRF_COOKIE, csrfFailure } from './csrf/failure.js';
import { isCsrfExempt } from './csrf/exempt.js';
import { routesToExemptView } from './csrf/exempt-route.js';
import { csrfContext } from './csrf/context.js';

export type { CsrfOptions } from './csrf/settings.js';

/** RFC 9110's safe methods: never checked (Django's `("GET", "HEAD", "OPTIONS", "TRACE")`). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** Django's `RejectRequest`: the reason travels to `_reject`. */
class RejectRequest extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Django's `HttpHeaders.parse_header_name` as `_bad_token_message` shows it: `X-CSRFToken` → `X-Csrftoken`. */
function headerLabel(name: string): string {
  return name
    .toLowerCase()
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
}

/** Django's parse_cookie for one name: the last value sent wins, quotes undone; no %-decoding. */
function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  let value: string | undefined;
  for (const chunk of header.split(';')) {
    const eq = chunk.indexOf('=');
    if (eq === -1 || chunk.slice(0, eq).trim() !== name) continue;
    value = chunk.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value
        .slice(1, -1)
        .replace(/\\([0-3][0-7]{2}|.)/g, (_, c: string) => (c.length === 3 ? String.fromCharCode(parseInt(c, 8)) : c));
    }
  }
  return value;
}

/**
 * Django's `CsrfViewMiddleware`. Every request: the secret is read from the `csrftoken`
 * cookie (or the session with `useSessions`); a malformed one is replaced. Every unsafe
 * request (not GET, HEAD, OPTIONS or TRACE), in this order, unless the view is
 * {@link csrfExempt} or the test `Client` waived the check:
 *
 * 1. `Sec-Fetch-Site: cross-site` or `same-site` from an origin not in `trustedOrigins` is
 *    refused (beyond Django; `fetchMetadata: false` turns it off);
 * 2. an `Origin` must be the request's own (scheme from `req.secure`, host from `Host` or, under
 *    `trust proxy`, `X-Forwarded-Host`) or a trusted one; without `Origin`, an HTTPS request's
 *    `Referer` must be the site, a trusted origin, or under the cookie domain;
 * 3. the secret must exist, and the token, from the `csrfmiddlewaretoken` field of a POSTed
 *    form or else the `X-CSRFToken` header, must be 32 or 64 characters and stand for it.
 *
 * A refused request gets `failureView(req, reason)` (default: Django's 403 page, or problem
 * details for a JSON client) with Django's reason; nothing of the view runs. The cookie is
 * (re)sent, with `Vary: Cookie`, when a token was used or the secret changed.
 *
 * Use it app-wide with {@link csrfViewMiddleware} (every handler after it), or per view with
 * `csrfProtect` (`decoratorFromMiddleware(CsrfViewMiddleware)`).
 *
 * @throws TypeError when an option is of the wrong type.
 */
export class CsrfViewMiddleware extends MiddlewareMixin {
  /** The checked options. */
  readonly settings: CsrfSettings;

  constructor(options: CsrfOptions = {}) {
    super();
    this.settings = csrfSettings(
      options,
      new.target.name === 'CsrfViewMiddleware' ? 'csrfViewMiddleware()' : new.target.name,
    );
  }

  /**
   * The options in force for `req`: those of the first CSRF middleware that read its secret,
   * so a decorator beside `csrfViewMiddleware(options)` follows its options, as Django's
   * decorators follow the one `CSRF_*` settings.
   */
  protected settingsOf(req: Request): CsrfSettings {
    return csrfState(req, this.settings).settings;
  }

  /** Django's `_get_secret`: the secret the request brought, or undefined; a malformed cookie throws `InvalidTokenFormat`. */
  protected getSecret(req: Request): string | undefined {
    let secret: unknown;
    if (this.settingsOf(req).useSessions) {
      secret = sessionSecret(req);
      // Django trusts what the session holds; anything but a secret or token counts as none here.
      if (typeof secret !== 'string' || !/^[a-zA-Z0-9]{32}(?:[a-zA-Z0-9]{32})?$/.test(secret)) return undefined;
    } else {
      secret = cookieValue(req, this.settingsOf(req).cookieName);
      if (secret === undefined) return undefined;
      checkTokenFormat(secret as string);
    }
    const value = secret as string;
    // Django before 4.1 kept the masked token in the cookie: read it as its secret.
    if (value.length === CSRF_TOKEN_LENGTH && /^[a-zA-Z0-9]+$/.test(value)) return unmaskCipherToken(value);
    return value;
  }

  /** Django's `process_request`: the request's secret, kept for `getCsrfToken` and the check; a malformed cookie replaced. */
  override processRequest(req: Request): HookResult {
    this.readSecret(req);
    return undefined;
  }

  /** `processRequest` once per request, whichever form (app-wide or decorator) comes first; the state. */
  protected readSecret(req: Request): CsrfState {
    const state = csrfState(req, this.settings);
    if (!state.secretRead) {
      state.secretRead = true;
      state.settings = this.settings;
      if (state.secret === undefined) {
        try {
          state.secret = this.getSecret(req);
        } catch (err) {
          if (!(err instanceof InvalidTokenFormat)) throw err;
          addNewCsrfSecret(req, state);
        }
      }
      csrfContext(req);
    }
    return state;
  }

  /** Django's `process_view`: undefined to let the view run, or the failure response. */
  override async processView(req: Request, handler: AnyViewHandler): Promise<HookResult> {
    const state = this.readSecret(req);
    if (state.processingDone || isCsrfExempt(handler)) return undefined;
    const reason = await this.rejectionReason(req, state);
    return reason === undefined ? undefined : this.reject(req, reason);
  }

  /**
   * Why `req` must be refused, or undefined when it passes (then it is not checked again).
   * Safe methods and requests of a test `Client` that does not enforce the check pass.
   */
  async rejectionReason(req: Request, state: CsrfState = this.readSecret(req)): Promise<string | undefined> {
    if (state.processingDone || SAFE_METHODS.has(req.method) || csrfChecksWaived(req)) {
      state.processingDone = true;
      return undefined;
    }
    try {
      if (this.settingsOf(req).fetchMetadata) {
        const problem = fetchMetadataProblem(req, this.settingsOf(req));
        if (problem !== undefined) throw new RejectRequest(problem);
      }
      const origin = req.headers.origin;
      if (origin !== undefined) {
        if (!originVerified(req, origin, this.settingsOf(req)))
          throw new RejectRequest(REASON_BAD_ORIGIN.replace('%s', origin));
      } else if (req.secure) {
        const problem = refererProblem(req, this.settingsOf(req));
        if (problem !== undefined) throw new RejectRequest(problem);
      }
      await this.checkToken(req, state);
    } catch (err) {
      if (err instanceof RejectRequest) return err.reason;
      throw err;
    }
    state.processingDone = true;
    return undefined;
  }

  /** Django's `_check_token`. */
  protected async checkToken(req: Request, state: CsrfState): Promise<void> {
    let secret: string | undefined;
    try {
      // From the request again, not the state: rotateCsrfToken() may have run since processRequest.
      secret = this.getSecret(req);
    } catch (err) {
      if (err instanceof InvalidTokenFormat) throw new RejectRequest(`CSRF cookie ${err.reason}.`);
      throw err;
    }
    if (secret === undefined) throw new RejectRequest(REASON_NO_CSRF_COOKIE);
    let token = '';
    let source = 'POST';
    let tooLarge = false;
    if (req.method === 'POST') {
      state.formToken ??= readFormToken(req, this.settingsOf(req).bodyLimit);
      const form = await state.formToken;
      if (form === BODY_TOO_LARGE) tooLarge = true;
      else token = form;
    }
    if (token === '') {
      const header = req.headers[this.settingsOf(req).headerKey];
      if (typeof header !== 'string') {
        throw new RejectRequest(
          tooLarge
            ? `${REASON_CSRF_TOKEN_MISSING} The form body is larger than bodyLimit (${this.settingsOf(req).bodyLimit} bytes): send the token in the ${this.settingsOf(req).headerName} header, or first in the form.`
            : REASON_CSRF_TOKEN_MISSING,
        );
      }
      token = header;
      source = `the '${headerLabel(this.settingsOf(req).headerName)}' HTTP header`;
    }
    try {
      checkTokenFormat(token);
    } catch (err) {
      if (err instanceof InvalidTokenFormat) throw new RejectRequest(`CSRF token from ${source} ${err.reason}.`);
      throw err;
    }
    if (!doesTokenMatch(token, secret)) throw new RejectRequest(`CSRF token from ${source} incorrect.`);
  }

  /** Django's `_reject`: the failure view's response. Subclasses that never refuse return undefined. */
  protected reject(req: Request, reason: string): ViewResult | Promise<ViewResult> | undefined {
    const { failureView, debug } = this.settingsOf(req);
    return failureView ? failureView(req, reason) : csrfFailure(req, reason, debug);
  }

  /** The cookie as Django's `_set_csrf_cookie` writes it. */
  protected cookieOptions(req: Request): CookieOptions {
    const { cookieAge, cookieDomain, cookiePath, cookieSecure, cookieHttpOnly, cookieSameSite } = this.settingsOf(req);
    const options: CookieOptions = { path: cookiePath };
    if (cookieAge !== null) options.maxAge = cookieAge;
    if (cookieDomain !== null) options.domain = cookieDomain;
    if (cookieSecure) options.secure = true;
    if (cookieHttpOnly) options.httpOnly = true;
    if (cookieSameSite !== false) options.sameSite = cookieSameSite;
    return options;
  }

  /** Whether the secret must go out now (clearing the flag): stored in the session here, or the cookie left to write. */
  protected takeUpdate(req: Request): string | undefined {
    const state = csrfState(req, this.settings);
    if (!state.needsUpdate || state.secret === undefined) return undefined;
    state.needsUpdate = false;
    if (this.settingsOf(req).useSessions) {
      storeSessionSecret(req, state.secret);
      return undefined;
    }
    return state.secret;
  }

  /** Django's `process_response`: the cookie (with `Vary: Cookie`) or the session entry, when needed. */
  override processResponse(req: Request, response: ViewResult): ViewResult {
    const secret = this.takeUpdate(req);
    if (secret === undefined) return response;
    if (isHttpResponse(response)) {
      response.setCookie(this.settingsOf(req).cookieName, secret, this.cookieOptions(req));
      patchVaryHeaders(response, ['Cookie']);
      return response;
    }
    const cookie = makeCookie(this.settingsOf(req).cookieName, secret, this.cookieOptions(req)).serialize();
    return (
      (patchResult(response, (r) => {
        if (!isHttpResponse(r)) r.headers.append('Set-Cookie', cookie);
        patchVaryHeaders(r, ['Cookie']);
      }) as ViewResult | undefined) ?? response
    );
  }

  /**
   * The response phase for any handler: the cookie (or session entry) written onto `res`
   * before the response starts, whoever writes it (and before a session middleware mounted
   * earlier saves the session).
   */
  protected writeOnHeaders(req: Request, res: Response): void {
    commitBeforeWriting(res, () => {
      const secret = this.takeUpdate(req);
      if (secret === undefined) return;
      res.appendHeader(
        'Set-Cookie',
        makeCookie(this.settingsOf(req).cookieName, secret, this.cookieOptions(req)).serialize(),
      );
      vary(res, 'Cookie');
    });
  }

  /**
   * This middleware as an Express middleware for `app.use()`: see {@link csrfViewMiddleware}.
   */
  asExpressMiddleware(): RequestHandler {
    const handler = (req: Request, res: Response, next: NextFunction): void => {
      let state: CsrfState;
      try {
        state = this.readSecret(req);
        // The response is hooked only once a token is used or the secret changes.
        if (state.needsUpdate) this.writeOnHeaders(req, res);
        else state.onNeedsUpdate ??= () => this.writeOnHeaders(req, res);
        if (state.processingDone || SAFE_METHODS.has(req.method)) {
          next();
          return;
        }
      } catch (err) {
        next(err);
        return;
      }
      this.rejectionReason(req, state)
        .then((reason) => {
          if (reason === undefined || routesToExemptView(req, handler)) {
            next();
            return;
          }
          // Answered as a view's response is (view(), through the registered adapter).
          return Promise.resolve(this.reject(req, reason)).then((response) => {
            if (response === undefined) next();
            else mountView(() => response)(req, res, next);
          });
        })
        .catch((err: unknown) => next(err));
    };
    Object.defineProperty(handler, 'name', { value: 'csrfViewMiddleware', configurable: true });
    return handler;
  }
}

/**
 * Django's `CsrfViewMiddleware` in `MIDDLEWARE`, as an Express middleware: every unsafe
 * request to every route after it (a plain Express handler as much as a `view()`) is checked
 * as {@link CsrfViewMiddleware} describes, before routing; a refused request is answered here
 * and reaches nothing after it. Templates rendered for a request that went through it see
 * `csrfToken` and `csrfInput()` (Django's `{% csrf_token %}`), and the cookie is written on
 * any response that used a token.
 *
 * Exempt a route with `csrfExempt(handler)` (a view or a plain handler: a webhook whose
 * signature stands in for the token), or mount it before this middleware. Put it after the
 * session middleware when `useSessions`, and before body parsers or after them: a form body
 * is read without being taken from the app's parser.
 *
 * @throws TypeError when an option is of the wrong type.
 *
 * @example
 * ```ts
 * app.use(csrfViewMiddleware({ trustedOrigins: ['https://*.example.com'] }));
 * app.post('/polls/:id/vote', view(vote));             // checked
 * app.post('/hooks/stripe', csrfExempt(stripeWebhook)); // not: its signature is checked instead
 * ```
 */
export function csrfViewMiddleware(options: CsrfOptions = {}): RequestHandler {
  return new CsrfViewMiddleware(options).asExpressMiddleware();
}
