/**
 * Clients that leave mid-body: the read stops, the source is destroyed, `close()` runs
 * exactly once, and no file descriptor stays open — over hundreds of aborts.
 */
import { createReadStream } from 'node:fs';
import http from 'node:http';
import { FileResponse, StreamingHttpResponse, view, type HttpResponseBase } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';
import { listen, makeTempDir, openFdCount, randomContent, waitFor } from '../helpers/streams.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const bigPath = tmp.file('big.bin', randomContent(8 * 1024 * 1024));

const ROUNDS = 300;
// 300 rounds, each waiting on its own waitFor() of up to 10 s: the test's limit is theirs, not
// jest's default 5 s, which a busy 2-vCPU CI machine can reach (a count, not a timing, is asserted).
const ROUNDS_TIMEOUT_MS = 60_000;

/** GET `url`, and destroy the connection as soon as the first bytes of the body arrive. */
function abortAfterFirstData(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
      res.on('end', () => reject(new Error('the whole body arrived before the abort')));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      // Destroying our own request may surface as ECONNRESET/aborted: expected here.
      if (!req.destroyed) reject(err);
    });
  });
}

/** Count close() calls on every response a route returns, not just the first one that counts. */
function countCloses<T extends HttpResponseBase>(response: T, counter: { closes: number }): T {
  const close = response.close.bind(response);
  response.close = () => {
    counter.closes++;
    close();
  };
  return response;
}

describe.each(expressVersions)('%s: clients that abort mid-body', (_label, createApp) => {
  it.each([
    ['a FileResponse from a path', () => new FileResponse(bigPath)],
    ['a FileResponse from an fs.ReadStream', () => new FileResponse(createReadStream(bigPath))],
    ['a StreamingHttpResponse from an fs.ReadStream', () => new StreamingHttpResponse(createReadStream(bigPath))],
  ])(
    `leave no descriptor open and close %s exactly once, ${ROUNDS} times`,
    async (_kind, make) => {
      const counter = { closes: 0 };
      let served = 0;
      const app = createApp();
      app.get(
        '/download',
        view(() => {
          served++;
          return countCloses(make(), counter);
        }),
      );
      const server = await listen(app);
      try {
        await abortAfterFirstData(`${server.url}/download`); // warm up lazy handles
        await waitFor(() => counter.closes === 1, 5000, 'the warm-up response to close');
        const before = openFdCount();
        for (let i = 0; i < ROUNDS; i++) await abortAfterFirstData(`${server.url}/download`);
        await waitFor(() => counter.closes === served, 10_000, `close() for all ${ROUNDS} aborted responses`);
        await waitFor(() => openFdCount() <= before + 4, 10_000, 'descriptors to be released');
        expect(served).toBe(ROUNDS + 1);
        expect(counter.closes).toBe(ROUNDS + 1);
        expect(openFdCount()).toBeLessThanOrEqual(before + 4);
      } finally {
        await server.close();
      }
    },
    ROUNDS_TIMEOUT_MS,
  );

  it(
    `stops an endless async generator and runs its finally, ${ROUNDS} times`,
    async () => {
      const counter = { closes: 0 };
      let started = 0;
      let finished = 0;
      const chunk = Buffer.alloc(64 * 1024, 120);
      const app = createApp();
      app.get(
        '/feed',
        view(() =>
          countCloses(
            new StreamingHttpResponse(
              (async function* () {
                started++;
                try {
                  for (;;) yield chunk;
                } finally {
                  finished++;
                }
              })(),
            ),
            counter,
          ),
        ),
      );
      const server = await listen(app);
      try {
        const before = openFdCount();
        for (let i = 0; i < ROUNDS; i++) await abortAfterFirstData(`${server.url}/feed`);
        await waitFor(() => finished === ROUNDS, 10_000, 'every generator to finish');
        expect(started).toBe(ROUNDS);
        expect(counter.closes).toBe(ROUNDS);
        await waitFor(() => openFdCount() <= before + 4, 10_000, 'descriptors to be released');
      } finally {
        await server.close();
      }
    },
    ROUNDS_TIMEOUT_MS,
  );

  it('stops waiting for a generator that is idle when the client leaves', async () => {
    const counter = { closes: 0 };
    let finished = false;
    let wake!: () => void;
    const app = createApp();
    app.get(
      '/events',
      view(() =>
        countCloses(
          new StreamingHttpResponse(
            (async function* () {
              try {
                yield 'data: hello\n\n';
                await new Promise<void>((resolve) => {
                  wake = resolve;
                }); // an SSE source with nothing to say for now
                yield 'data: late\n\n';
              } finally {
                finished = true;
              }
            })(),
            'text/event-stream',
          ),
          counter,
        ),
      ),
    );
    const server = await listen(app);
    try {
      await abortAfterFirstData(`${server.url}/events`);
      // close() runs when the client leaves, not when the generator next yields.
      await waitFor(() => counter.closes === 1, 5000, 'close() after the abort');
      expect(finished).toBe(false);
      wake(); // the queued return() runs as soon as the generator reaches its next yield
      await waitFor(() => finished, 5000, 'the generator to finish');
    } finally {
      await server.close();
    }
  });
});
