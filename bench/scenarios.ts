/**
 * The benchmark's scenarios: for each, a baseline route (plain Express or plain Node) and the
 * adapter's route sending the same thing, plus what a correct answer looks like. The server
 * (bench/server.ts) mounts every route; the runner (bench/run.ts) drives them in pairs.
 */

import type { IncomingHttpHeaders } from 'node:http';
import { LIST_VIEW_SCENARIO } from './generic-views.js';
import { CSRF_SCENARIOS } from './csrf.js';
import { SESSION_MESSAGES_SCENARIO } from './auth-messages.js';
import { SESSION_SCENARIOS } from './sessions.js';
import { URL_SCENARIOS } from './urls.js';

/** Which server a route lives on: the Express app, or the plain `node:http` server. */
export type ServerName = 'express' | 'node';

/** One side of a pair. */
export interface Route {
  /** What the route does, for the table (e.g. `res.json`). */
  name: string;
  server: ServerName;
  path: string;
  /** The request sent, when not a bare GET. */
  request?: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    /**
     * Headers of each connection, added to `headers`: connection `i` sends entry `i % length`
     * (a session cookie per connection, as each user has their own).
     */
    connectionHeaders?: Array<Record<string, string>>;
  };
}

/** An answer to one request of a route, for {@link Scenario.check}. */
export interface CheckAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Send `route`'s request as connection `connection` sends it (its `connectionHeaders`). */
export type CheckFetch = (route: Route, connection: number) => Promise<CheckAnswer>;

/** How a scenario is driven: autocannon (requests per second) or a single big download (MiB/s). */
export type ScenarioKind = 'requests' | 'download';

/** A pair of routes measured side by side. */
export interface Scenario {
  id: string;
  label: string;
  /** The label in the chart. */
  short: string;
  kind: ScenarioKind;
  /** Part of the body-size sweep (charted separately). */
  sweep?: { bytes: number };
  baseline: Route;
  adapter: Route;
  /** The lowest acceptable adapter / baseline ratio of requests per second (or MiB/s). */
  target: number;
  /** The highest acceptable adapter / baseline ratio of p99 latency, where it applies. */
  p99Target?: number;
  /** The status both routes answer with. */
  status: number;
  /**
   * Response headers that must be equal on both sides (lower case). Bodies must be equal too
   * unless `sameBody` is false.
   */
  sameHeaders: string[];
  sameBody: boolean;
  /** A service the scenario needs: `redis` runs only where `redis-server` is installed. */
  needs?: 'redis';
  /**
   * More to check before the load, after both routes answered alike (that the session store
   * is really read and written, say); throws an Error saying what is wrong.
   */
  check?: (fetch: CheckFetch) => Promise<void>;
}

const KiB = 1024;

/** The 100 KiB JSON document: 800 objects, as a list endpoint returns them. */
export function bigDocument(): { items: Array<Record<string, unknown>> } {
  const cities = ['Paris', 'Lyon', 'Lille', 'Nice', 'Brest'];
  return {
    items: Array.from({ length: 800 }, (_, i) => ({
      id: i,
      name: `User ${i}`,
      email: `user${i}@example.com`,
      active: i % 3 !== 0,
      score: Math.round(i * 7.31) / 10,
      city: cities[i % cities.length],
      tags: ['alpha', 'beta'],
    })),
  };
}

/** A small JSON object, as a detail endpoint returns it. */
export const SMALL_DOCUMENT = { id: 42, name: 'Ada Lovelace', tags: ['math', 'engines'], active: true, score: 99.5 };

/** `bytes` bytes of ASCII HTML-ish text. */
export function textOfSize(bytes: number): string {
  const line = '<p>The quick brown fox jumps over the lazy dog, again and again.</p>\n';
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

/** The 1 KiB body of the text, web Response and ceiling scenarios. */
export const TEXT_1K = textOfSize(KiB);

/** The 64 KiB chunk of the streaming scenario, and how many of them make one response. */
export const STREAM_CHUNK = Buffer.alloc(64 * KiB, 'x');
export const STREAM_CHUNKS = 16;

/** Ten headers, as an API with caching, CORS and security headers sends them. */
export const TEN_HEADERS: Record<string, string> = {
  'Cache-Control': 'private, max-age=60',
  'X-Request-Id': '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'Access-Control-Allow-Origin': 'https://example.com',
  'Content-Language': 'en',
  'X-Powered-By-Bench': 'express-httpresponse',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The three cookies: a plain one, a session-style one, and a preference with a lifetime. */
export const THREE_COOKIES = {
  plain: ['theme', 'dark'],
  session: ['sid', 's3cr3t-session-id'],
  lasting: ['lang', 'en', 3600],
} as const;

/** The talks of the programme page the cachePage scenarios render (a conference programme). */
export const PROGRAMME = Array.from({ length: 120 }, (_, i) => ({
  id: i + 1,
  title: `Talk ${i + 1}: caching <views> & "pages"`,
  speaker: `Speaker ${i % 37}`,
  room: ['Amphi A', 'Room 101', 'Room 202'][i % 3] as string,
  start: `2026-12-0${1 + (i % 3)}T${String(9 + (i % 8)).padStart(2, '0')}:00:00Z`,
  tags: ['web', i % 2 === 0 ? 'python' : 'node'],
}));

/** The body sizes of the sweep: 1 KiB to 1 MiB. */
export const SWEEP_SIZES = [1, 4, 16, 64, 256, 1024].map((k) => k * KiB);

const sizeLabel = (bytes: number): string => (bytes >= 1024 * KiB ? `${bytes / 1024 / KiB} MiB` : `${bytes / KiB} KiB`);

const express = (name: string, path: string): Route => ({ name, server: 'express', path });

/** Every scenario, in the order of the table. */
export const SCENARIOS: Scenario[] = [
  {
    id: 'json-100k',
    label: '`JsonResponse` vs `res.json`, 100 KiB (800 objects)',
    short: 'JsonResponse, 100 KiB JSON',
    kind: 'requests',
    baseline: express('res.json', '/json-100k/express'),
    adapter: express('JsonResponse', '/json-100k/adapter'),
    target: 1,
    p99Target: 1.1,
    status: 200,
    // Django's JsonResponse says `application/json`, Express adds `; charset=utf-8`.
    sameHeaders: ['content-length', 'etag'],
    sameBody: true,
  },
  {
    id: 'redirect',
    label: "`HttpResponseRedirect('/target?x=1')` vs `res.redirect`",
    short: 'HttpResponseRedirect',
    kind: 'requests',
    baseline: express('res.redirect', '/redirect/express'),
    adapter: express('HttpResponseRedirect', '/redirect/adapter'),
    target: 1,
    p99Target: 1.1,
    status: 302,
    // res.redirect also writes a negotiated "Found. Redirecting to …" body; Django's is empty.
    sameHeaders: ['location'],
    sameBody: false,
  },
  {
    id: 'text-1k',
    label: '`HttpResponse` 1 KiB text vs `res.send`',
    short: 'HttpResponse, 1 KiB text',
    kind: 'requests',
    baseline: express('res.send', '/text-1k/express'),
    adapter: express('HttpResponse', '/text-1k/adapter'),
    target: 1,
    p99Target: 1.1,
    status: 200,
    sameHeaders: ['content-type', 'content-length', 'etag'],
    sameBody: true,
  },
  {
    id: 'web-response',
    label: 'web `Response` from a view vs node-fetch-server `sendResponse`',
    short: 'web Response (vs node-fetch-server)',
    kind: 'requests',
    baseline: express('node-fetch-server sendResponse', '/web-response/express'),
    adapter: express('view() → Response', '/web-response/adapter'),
    target: 1,
    p99Target: 1.1,
    status: 200,
    sameHeaders: ['content-type', 'transfer-encoding'],
    sameBody: true,
  },
  {
    id: 'headers-cookies',
    label: '10 headers + 3 cookies vs `res.set` / `res.cookie`',
    short: '10 headers + 3 cookies',
    kind: 'requests',
    baseline: express('res.set + res.cookie', '/headers-cookies/express'),
    adapter: express('HttpResponse + setCookie', '/headers-cookies/adapter'),
    target: 1,
    p99Target: 1.1,
    status: 200,
    sameHeaders: [...Object.keys(TEN_HEADERS).map((name) => name.toLowerCase()), 'content-type', 'content-length'],
    sameBody: true,
  },
  {
    id: 'json-small',
    label: '`JsonResponse` vs `res.json`, a small object',
    short: 'JsonResponse, small object',
    kind: 'requests',
    baseline: express('res.json', '/json-small/express'),
    adapter: express('JsonResponse', '/json-small/adapter'),
    target: 1,
    p99Target: 1.1,
    status: 200,
    sameHeaders: ['content-length', 'etag'],
    sameBody: true,
  },
  {
    id: 'streaming',
    label: '`StreamingHttpResponse`, 16 × 64 KiB vs piping the generator',
    short: 'StreamingHttpResponse, 16 × 64 KiB',
    kind: 'requests',
    baseline: express('Readable.from(gen).pipe(res)', '/streaming/express'),
    adapter: express('StreamingHttpResponse', '/streaming/adapter'),
    target: 1,
    p99Target: 1.1,
    status: 200,
    sameHeaders: ['content-type', 'transfer-encoding'],
    sameBody: true,
  },
  {
    id: 'file',
    label: '`FileResponse` vs `res.sendFile` (one big file, MiB/s)',
    short: 'FileResponse, MiB/s',
    kind: 'download',
    baseline: express('res.sendFile', '/file/express'),
    adapter: express('FileResponse', '/file/adapter'),
    target: 1,
    status: 200,
    sameHeaders: ['content-length'],
    sameBody: false, // compared by length: the file may be 1 GiB
  },
  ...SWEEP_SIZES.map((bytes): Scenario => ({
    id: `size-${bytes / KiB}k`,
    label: `\`HttpResponse\` vs \`res.send\`, ${sizeLabel(bytes)}`,
    short: sizeLabel(bytes),
    kind: 'requests',
    sweep: { bytes },
    baseline: express('res.send', `/size/${bytes}/express`),
    adapter: express('HttpResponse', `/size/${bytes}/adapter`),
    target: 1,
    p99Target: 1.1,
    status: 200,
    sameHeaders: ['content-type', 'content-length', 'etag'],
    sameBody: true,
  })),
  {
    id: 'cache-page',
    label: '`cachePage(600)` hit, in-memory store, vs the same view uncached',
    short: 'cachePage hit, in memory',
    kind: 'requests',
    baseline: express('the view, uncached', '/cache-page/uncached'),
    adapter: express('cachePage hit (memory)', '/cache-page/memory'),
    target: 1,
    status: 200,
    // A hit adds Expires and Cache-Control; the page itself is the same.
    sameHeaders: ['content-type', 'content-length', 'etag'],
    sameBody: true,
  },
  {
    id: 'cache-page-redis',
    label: '`cachePage(600)` hit on Redis (`@keyv/redis`) vs the same view uncached',
    short: 'cachePage hit, Redis',
    kind: 'requests',
    baseline: express('the view, uncached', '/cache-page/uncached'),
    adapter: express('cachePage hit (Redis)', '/cache-page/redis'),
    target: 1,
    status: 200,
    sameHeaders: ['content-type', 'content-length', 'etag'],
    sameBody: true,
    needs: 'redis',
  },
  {
    id: 'node-ceiling',
    label: '`sendResponse()` on plain `node:http` vs raw `writeHead` + `end`',
    short: 'sendResponse on node:http (vs raw)',
    kind: 'requests',
    baseline: { name: 'writeHead + end', server: 'node', path: '/raw' },
    adapter: { name: 'sendResponse(HttpResponse)', server: 'node', path: '/send-response' },
    target: 0.9,
    status: 200,
    sameHeaders: ['content-type', 'content-length'],
    sameBody: true,
  },
];
SCENARIOS.push(...CSRF_SCENARIOS);

SCENARIOS.push(LIST_VIEW_SCENARIO);
SCENARIOS.push(SESSION_MESSAGES_SCENARIO);
SCENARIOS.push(...SESSION_SCENARIOS);
SCENARIOS.push(...URL_SCENARIOS);

/** `--only` accepts scenario ids and `size-sweep` for every sweep scenario. */
export function selectScenarios(only: string[] | undefined): Scenario[] {
  if (only === undefined || only.length === 0) return SCENARIOS;
  const unknown = only.filter((id) => id !== 'size-sweep' && !SCENARIOS.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw new RangeError(
      `Unknown scenario ${unknown.map((id) => JSON.stringify(id)).join(', ')}: use one of ${[...SCENARIOS.map((s) => s.id), 'size-sweep'].join(', ')}.`,
    );
  }
  return SCENARIOS.filter((s) => only.includes(s.id) || (s.sweep !== undefined && only.includes('size-sweep')));
}
