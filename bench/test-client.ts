/**
 * `npm run bench:client`: what a test suite's requests cost. One view called 10,000 times
 * (after 500 warm-up calls) three ways: through the test `Client` (the whole app, no port),
 * through `RequestFactory` + the handler (the view alone), and through supertest on a
 * listening server (the whole app over loopback TCP). Prints calls per second and the ratios
 * to supertest.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { HttpResponse, view, type ViewHandler } from '../lib/index.js';
import { Client, RequestFactory } from '../lib/testing/index.js';

const CALLS = Number(process.env.CALLS ?? 10_000);
const WARMUP = 500;

const handler: ViewHandler = (req) =>
  new HttpResponse(`<h1>Book ${typeof req.query.id === 'string' ? req.query.id : ''}</h1>`);
const app = express();
app.get('/book/', view(handler));

async function time(label: string, call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i += 1) await call();
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i += 1) await call();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rate = CALLS / seconds;
  console.log(`${label.padEnd(28)} ${rate.toFixed(0).padStart(7)} calls/s  (${seconds.toFixed(2)} s for ${CALLS})`);
  return rate;
}

async function main(): Promise<void> {
  const client = new Client(app);
  const rf = new RequestFactory({ app });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = request(`http://127.0.0.1:${port}`);
  try {
    const supertest = await time('supertest (listening server)', () => agent.get('/book/?id=7'));
    const viaClient = await time('Client', () => client.get('/book/', { id: '7' }));
    const factory = await time('RequestFactory + handler', async () => {
      const req = rf.get('/book/', { id: '7' });
      return handler(req, req.res);
    });
    console.log(`\nClient: ${(viaClient / supertest).toFixed(1)}x supertest`);
    console.log(`RequestFactory + handler: ${(factory / supertest).toFixed(1)}x supertest`);
  } finally {
    server.close();
  }
}

void main();
