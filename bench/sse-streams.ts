/**
 * The event-stream soak's two halves, also run (smaller) by a jest test: a server holding
 * EventStreamResponses open with heartbeats, counting the generators that started and the
 * `finally` blocks that ran; and clients that open N streams, wait for every first event,
 * then drop them all at once.
 */
import { EventEmitter, once } from 'node:events';
import { readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { EventStreamResponse, requestSignal, view } from '../lib/index.js';

/** What the server counts. */
export interface StreamCounts {
  started: number;
  finallies: number;
  open: number;
  unhandledRejections: number;
}

/** The number of file descriptors this process has open. */
export function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}

/**
 * Serve `/events` on loopback: each stream sends `hello`, then a `tick` event whenever the
 * bus ticks (every `tickMs`) and a heartbeat every `heartbeatMs` while idle. Even-numbered
 * streams await the ticks with `requestSignal(req)` (their `finally` runs at once when the
 * client leaves); odd ones without it (it runs at their next tick).
 */
export async function serveEventStreams(
  options: { heartbeatMs?: number; tickMs?: number } = {},
): Promise<{ url: string; counts: StreamCounts; close(): Promise<void> }> {
  const { heartbeatMs = 250, tickMs = 1000 } = options;
  const counts: StreamCounts = { started: 0, finallies: 0, open: 0, unhandledRejections: 0 };
  const onUnhandled = (): void => {
    counts.unhandledRejections++;
  };
  process.on('unhandledRejection', onUnhandled);
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  const ticker = setInterval(() => bus.emit('tick'), tickMs);
  const app = express();
  app.get(
    '/events',
    view((req) => {
      const n = counts.started++;
      const signal = n % 2 === 0 ? requestSignal(req) : undefined;
      return new EventStreamResponse(
        (async function* () {
          counts.open++;
          try {
            yield { event: 'hello', id: n, data: { stream: n } };
            for (let tick = 1; ; tick++) {
              await (signal ? once(bus, 'tick', { signal }) : once(bus, 'tick'));
              yield { event: 'tick', data: tick };
            }
          } finally {
            counts.open--;
            counts.finallies++;
          }
        })(),
        { heartbeatMs },
      );
    }),
  );
  const server = http.createServer(app);
  server.maxConnections = Infinity;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', 4096, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(ticker);
        process.off('unhandledRejection', onUnhandled);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Open `streams` event streams to `url`; resolves once each got its first event, with a `drop()` that cuts them all. */
export async function holdStreams(url: string, streams: number): Promise<{ drop(): void; bytes(): number }> {
  const requests: http.ClientRequest[] = [];
  let bytes = 0;
  const firsts: Array<Promise<void>> = [];
  for (let i = 0; i < streams; i++) {
    firsts.push(
      new Promise<void>((resolve, reject) => {
        const req = http.get(`${url}/events`, { agent: false }, (res) => {
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (chunk.includes('event: hello')) resolve();
          });
        });
        req.on('error', (err) => {
          if (!req.destroyed) reject(err);
        });
        requests.push(req);
      }),
    );
  }
  await Promise.all(firsts);
  return {
    drop: () => {
      for (const req of requests) req.destroy();
    },
    bytes: () => bytes,
  };
}

/** Poll until `condition()` holds, or throw naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
