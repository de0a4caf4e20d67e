/** Django's `django.views.csrf.csrf_failure`: the 403 a refused request gets by default. */
import type { Request } from 'express';
import { HttpResponseForbidden } from '../../http/response.js';
import { ProblemDetailsResponse } from '../../http/problem-details-response.js';
import { prefersJson } from '../../utils/negotiate.js';
import type { ViewResult } from '../../views/types.js';
import { REASON_NO_REFERER } from './origin.js';

/** Django's `REASON_NO_CSRF_COOKIE`. */
export const REASON_NO_CSRF_COOKIE = 'CSRF cookie not set.';
/** Django's `REASON_CSRF_TOKEN_MISSING`. */
export const REASON_CSRF_TOKEN_MISSING = 'CSRF token missing.';

const MAIN = 'CSRF verification failed. Request aborted.';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[c]!);

const NO_REFERER = `
  <p>You are seeing this message because this HTTPS site requires a “Referer header” to be sent by your web browser, but none was sent. This header is required for security reasons, to ensure that your browser is not being hijacked by third parties.</p>
  <p>If you have configured your browser to disable “Referer” headers, please re-enable them, at least for this site, or for HTTPS connections, or for “same-origin” requests.</p>
  <p>If you are using the &lt;meta name=&quot;referrer&quot; content=&quot;no-referrer&quot;&gt; tag or including the “Referrer-Policy: no-referrer” header, please remove them. The CSRF protection requires the “Referer” header to do strict referer checking. If you’re concerned about privacy, use alternatives like &lt;a rel=&quot;noreferrer&quot; …&gt; for links to third-party sites.</p>
`;

const NO_COOKIE = `
  <p>You are seeing this message because this site requires a CSRF cookie when submitting forms. This cookie is required for security reasons, to ensure that your browser is not being hijacked by third parties.</p>
  <p>If you have configured your browser to disable cookies, please re-enable them, at least for this site, or for “same-origin” requests.</p>
`;

/** Django's `csrf_403.html`, as it renders: the reason only with `debug` (Django's `DEBUG`), never a token. */
function page(reason: string, debug: boolean): string {
  const help = debug
    ? `<div id="info">
  <h2>Help</h2>
    <p>Reason given for failure:</p>
    <pre>
    ${escape(reason)}
    </pre>
  <p>In general, this can occur when there is a genuine Cross Site Request Forgery, or when the CSRF protection has not been used correctly. For POST forms, you need to ensure that your browser is accepting cookies and that each POST form carries the token (<code>csrfInput</code> in the template, or the <code>X-CSRFToken</code> header for scripts).</p>
</div>`
    : `<div id="explanation">
  <p><small>More information is available with DEBUG=True.</small></p>
</div>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <meta name="robots" content="NONE,NOARCHIVE">
  <title>403 Forbidden</title>
  <style>
    html * { padding:0; margin:0; }
    body * { padding:10px 20px; }
    body * * { padding:0; }
    body { font-family: sans-serif; background:#eee; color:#000; }
    body>div { border-bottom:1px solid #ddd; }
    h1 { font-weight:normal; margin-bottom:.4em; }
    h1 span { font-size:60%; color:#666; font-weight:normal; }
    #info { background:#f6f6f6; }
    #info ul { margin: 0.5em 4em; }
    #info p, #summary p { padding-top:10px; }
    #summary { background: #ffc; }
    #explanation { background:#eee; border-bottom: 0px none; }
  </style>
</head>
<body>
<div id="summary">
  <h1>Forbidden <span>(403)</span></h1>
  <p>${MAIN}</p>${reason === REASON_NO_REFERER ? NO_REFERER : ''}${reason === REASON_NO_CSRF_COOKIE ? NO_COOKIE : ''}
</div>
${help}
</body>
</html>
`;
}

/**
 * Django's `csrf_failure(request, reason)`, the default `failureView`: a 403 with Django's
 * "CSRF verification failed. Request aborted." page, or, for a client that prefers JSON,
 * RFC 9457 problem details. The reason is shown only with `debug`.
 */
export function csrfFailure(req: Request, reason: string, debug = false): ViewResult {
  if (prefersJson(req)) {
    return new ProblemDetailsResponse({
      status: 403,
      title: 'Forbidden',
      detail: debug ? `${MAIN} ${reason}` : MAIN,
    });
  }
  return new HttpResponseForbidden(page(reason, debug));
}
