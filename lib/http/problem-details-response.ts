/** RFC 9457 problem details: `application/problem+json` error answers for APIs. */
import { ResponseHeaders } from './headers.js';
import { JsonResponse, type JsonResponseInit } from './json-response.js';
import { defaultReasonPhrase, toStatusCode } from './status.js';
import { describe } from './describe.js';
import { checkOptions, isOptionsObject, optionNames } from './init-validation.js';

/**
 * The members of an RFC 9457 problem details object. Any other member is an extension,
 * written after the standard ones (RFC 9457 §3.2).
 */
export interface ProblemDetails {
  /** A URI reference naming the problem type (§3.1.1). @defaultValue `"about:blank"` */
  type?: string;
  /** A short summary of the problem type (§3.1.3). @defaultValue the status's reason phrase */
  title?: string;
  /** The HTTP status code (§3.1.2), also the response's status. */
  status: number;
  /** An explanation specific to this occurrence (§3.1.4). */
  detail?: string;
  /** A URI reference naming this occurrence (§3.1.5). */
  instance?: string;
  /** Extension members (§3.2): any JSON value, encoded as {@link JsonResponse} encodes. */
  [extension: string]: unknown;
}

/** A {@link ProblemDetails} with its defaults filled in, as {@link ProblemDetailsResponse} writes it. */
export interface WrittenProblemDetails extends ProblemDetails {
  /** The problem type; `"about:blank"` when none was given. */
  type: string;
  /** The summary; the status's reason phrase when none was given. */
  title: string;
}

/** Options of {@link ProblemDetailsResponse}: a {@link JsonResponse}'s, less the status the problem gives. */
export type ProblemDetailsInit = Omit<JsonResponseInit, 'status' | 'safe'>;

const STRING_MEMBERS = ['type', 'title', 'detail', 'instance'] as const;

/**
 * An RFC 9457 problem details response: `Content-Type: application/problem+json`, the
 * status of `problem.status`, and a JSON object with `type` (default `"about:blank"`),
 * `title` (default the status's reason phrase, as RFC 9457 §4.2.1 asks for `about:blank`),
 * `status`, `detail` and `instance` when given, then the extension members.
 *
 * @example
 * ```ts
 * return new ProblemDetailsResponse({
 *   status: 403,
 *   type: 'https://example.com/probs/out-of-credit',
 *   title: 'You do not have enough credit.',
 *   detail: 'Your current balance is 30, but that costs 50.',
 *   balance: 30,
 * });
 * ```
 */
export class ProblemDetailsResponse extends JsonResponse {
  static override readonly optionNames: ReadonlySet<string> = optionNames<ProblemDetailsInit>()([
    'contentType',
    'reason',
    'charset',
    'headers',
    'replacer',
    'space',
    'escape',
  ]);

  /** The problem as written, defaults filled in. */
  readonly problem: Readonly<WrittenProblemDetails>;

  /**
   * @throws TypeError when `problem` is not an object, `type`, `title`, `detail` or
   *   `instance` is not a string, or `init` carries a `status` (give it in `problem`).
   * @throws RangeError/TypeError when `problem.status` is not an HTTP status code.
   */
  constructor(problem: ProblemDetails, init: ProblemDetailsInit = {}) {
    if (typeof problem !== 'object' || problem === null || Array.isArray(problem)) {
      throw new TypeError(
        `ProblemDetailsResponse needs an object such as { status: 404, detail: '...' } (got ${describe(problem)}).`,
      );
    }
    if (init !== null && typeof init === 'object' && 'status' in init) {
      throw new TypeError(
        `ProblemDetailsResponse takes its status from the problem: write { status: ${describe((init as { status?: unknown }).status)}, ... } in the first argument, not in the options.`,
      );
    }
    if (isOptionsObject(init)) checkOptions(init, ProblemDetailsResponse.optionNames, 'ProblemDetailsResponse');
    const { type = 'about:blank', title, status: rawStatus, detail, instance, ...extensions } = problem;
    if (rawStatus === undefined) {
      throw new TypeError('ProblemDetailsResponse needs a status, e.g. { status: 404 } (got none).');
    }
    const status = toStatusCode(rawStatus);
    for (const name of STRING_MEMBERS) {
      const value = problem[name];
      if (value !== undefined && typeof value !== 'string') {
        throw new TypeError(`ProblemDetailsResponse member ${name} must be a string (got ${describe(value)}).`);
      }
    }
    const body: WrittenProblemDetails = {
      type,
      title: title ?? defaultReasonPhrase(status),
      status,
      ...(detail !== undefined && { detail }),
      ...(instance !== undefined && { instance }),
      ...extensions,
    };
    const options: JsonResponseInit = { ...init, status };
    if (options.headers !== undefined) {
      // Read the headers once: an iterable given as headers may be single-pass.
      options.headers = new ResponseHeaders(options.headers);
    }
    if (!options.contentType && !(options.headers instanceof ResponseHeaders && options.headers.has('Content-Type'))) {
      options.contentType = 'application/problem+json';
    }
    super(body, options);
    this.problem = Object.freeze(body);
  }
}
