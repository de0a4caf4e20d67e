/** Helpers for the streaming and file tests: real servers, raw clients, temp files, fds. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorRequestHandler, Express } from 'express';

/** A temp directory made for a test file; `cleanup()` removes it. */
export function makeTempDir(): {
  dir: string;
  file(name: string, content: Uint8Array | string): string;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'ehr-test-'));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `size` random bytes. */
export function randomContent(size: number): Buffer {
  return randomBytes(size);
}

/** Start `app` on loopback; `close()` stops it and drops its connections. */
export async function listen(
  app: Express | http.RequestListener,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = http.createServer(app as http.RequestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The response of {@link rawGet}: what arrived, and whether the body completed. */
export interface RawResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Node's `res.complete`: false when the connection was cut before the body's end. */
  complete: boolean;
  error: Error | undefined;
}

/** GET with Node's own client, reporting a truncated body instead of failing. */
export function rawGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let error: Error | undefined;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err) => {
        error = err;
      });
      res.on('close', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          complete: res.complete,
          error,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The number of file descriptors this process has open. */
export function openFdCount(): number {
  return readdirSync('/proc/self/fd').length;
}

/** Poll until `condition()` holds (or fail after `timeoutMs`). Not a timing assertion: a wait. */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Wait until `read()` stops changing for `quietMs` (the producer stalled), then return it. */
export async function settle(read: () => number, quietMs = 300, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = read();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the value to settle');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = read();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
  return last;
}

/** An error handler that records the errors it gets and answers with their status, as Express's would. */
export function recordingErrorHandler(): { handler: ErrorRequestHandler; errors: unknown[] } {
  const errors: unknown[] = [];
  const handler: ErrorRequestHandler = (err, _req, res, _next) => {
    errors.push(err);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
    res.status(status).type('text/plain').send(`error ${status}`);
  };
  return { handler, errors };
}
