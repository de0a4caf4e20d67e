/**
 * A small run of the event-stream soak (bench/soak-sse.ts runs 1,000): 100 streams held
 * open with heartbeats, every client dropped at once; every generator's finally runs and
 * the descriptors return to where they were. No figure is timed.
 */
import { holdStreams, openFds, serveEventStreams, until } from '../../bench/sse-streams.js';

jest.setTimeout(60_000);

it('100 event streams dropped at once: every finally runs, no descriptor left, no unhandled rejection', async () => {
  const server = await serveEventStreams({ heartbeatMs: 50, tickMs: 200 });
  try {
    const fdsBefore = openFds();
    const held = await holdStreams(server.url, 100);
    expect(server.counts.open).toBe(100);
    expect(openFds()).toBeGreaterThanOrEqual(fdsBefore + 200); // both ends of every stream
    await new Promise((resolve) => setTimeout(resolve, 300)); // heartbeats and ticks flow
    held.drop();
    await until(() => server.counts.finallies === 100, 20_000, 'every finally');
    expect(server.counts.open).toBe(0);
    await until(() => openFds() <= fdsBefore, 20_000, 'the descriptors to close');
    expect(server.counts.unhandledRejections).toBe(0);
  } finally {
    await server.close();
  }
});
