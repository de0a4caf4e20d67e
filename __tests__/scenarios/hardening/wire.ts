/**
 * Helpers for the hardening tests: one real server per suite, a strict client (Node's own,
 * llhttp) that also keeps the raw bytes it received, a checker of those bytes, and a count
 * of this process's open descriptors.
 */
import { readdirSync } from 'node:fs';
import http, { type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createRequire } from 'node:module';
import type { Express } from 'express';
import type * as SetCookieParser from 'set-cookie-parser' with { 'resolution-mode': 'import' };
import type { HttpResponseBase } from '../../../lib/index.js';
import { view } from '../../../lib/index.js';

/**
 * set-cookie-parser's `parseSetCookie`. Its types are published as ESM only, which a CommonJS
 * test can't import by name; its CommonJS build is the same function.
 */
export const { parseSetCookie } = createRequire(__filename)('set-cookie-parser') as typeof SetCookieParser;

/** A server on loopback; `close()` drops its connections and stops it. */
export interface TestServer {
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Start `app` on 127.0.0.1, on a free port. */
export async function start(app: Express | http.RequestListener): Promise<TestServer> {
  const server = http.createServer(app as http.RequestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Responses made by a test, waiting to be fetched once each: `route()` is the Express
 * handler that returns them (as a view), `put()` stores one and gives the path to fetch.
 */
export class ResponseBox {
  readonly #waiting = new Map<string, HttpResponseBase>();
  #next = 0;

  /** Store `response`; returns the path that serves it once. */
  put(response: HttpResponseBase): string {
    const id = String(this.#next++);
    this.#waiting.set(id, response);
    return `/case/${id}`;
  }

  /** Mount at `/case/:id`. */
  readonly route = view((req) => {
    const id = String(req.params.id);
    const response = this.#waiting.get(id);
    this.#waiting.delete(id);
    if (response === undefined) throw new Error(`no response stored under ${id}`);
    return response;
  });
}

/** What {@link fetchRaw} read: llhttp's view of the response, and every byte that arrived. */
export interface Fetched {
  status: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  /** `[name, value, name, value, ...]` as llhttp read them (values decoded as Latin-1). */
  rawHeaders: string[];
  body: Buffer;
  /** Every byte the server sent on the connection. */
  wire: Buffer;
  /** The head's bytes, up to and excluding the blank line. */
  head: Buffer;
}

/**
 * GET (or `method`) `path` on a fresh connection with Node's client, which parses with
 * llhttp and fails on anything malformed; the socket's bytes are kept too.
 */
export function fetchRaw(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const wire: Buffer[] = [];
    const req = http.request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const body: Buffer[] = [];
        res.on('data', (chunk: Buffer) => body.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const all = Buffer.concat(wire);
          const end = all.indexOf('\r\n\r\n');
          resolve({
            status: res.statusCode ?? 0,
            statusMessage: res.statusMessage ?? '',
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(body),
            wire: all,
            head: end === -1 ? all : all.subarray(0, end),
          });
        });
      },
    );
    req.on('socket', (socket: Socket) => socket.on('data', (chunk: Buffer) => wire.push(chunk)));
    req.on('error', reject);
    req.end();
  });
}

/** Every value of header `name` (any casing) as llhttp read it. */
export function headerValues(fetched: Fetched, name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < fetched.rawHeaders.length; i += 2) {
    if (fetched.rawHeaders[i]!.toLowerCase() === name.toLowerCase()) values.push(fetched.rawHeaders[i + 1]!);
  }
  return values;
}

/**
 * Throw unless `head` is a clean HTTP/1.1 head: lines separated by CRLF only, no other CR or
 * LF, no NUL or other control character but HTAB (RFC 9112 §2.2, §5).
 */
export function assertCleanHead(head: Buffer): void {
  const lines = head.toString('latin1').split('\r\n');
  lines.forEach((line, index) => {
    // eslint-disable-next-line no-control-regex -- control characters are what these tests look for
    const bad = /[\x00-\x08\x0a-\x1f\x7f]/.exec(line);
    if (bad) {
      throw new Error(
        `control character ${JSON.stringify(bad[0])} on the wire, in head line ${index}: ${JSON.stringify(line)}`,
      );
    }
  });
}

/** How many descriptors this process holds (Linux). */
export function openDescriptors(): number {
  return readdirSync('/proc/self/fd').length;
}

/** The headers of every response the servers of these tests never set themselves. */
export const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade']);
