/**
 * lib/express/node-internals.ts: on every tested Node the fast paths are found (so the bench's
 * figures hold there), and under the suite's "public-api" run they are off, and the public
 * API answers the same over real HTTP.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtHead, nodeInternalsInUse, outHeader } from '../../lib/express/node-internals.js';
import { rawGet } from '../helpers/streams.js';

const fallback = process.env['EXPRESS_HTTPRESPONSE_NO_NODE_INTERNALS'] === '1';

describe(`Node's private state (${fallback ? 'switched off' : 'in use'}) on ${process.version}`, () => {
  it(fallback ? 'is not read at all' : 'is found by its probes', () => {
    expect(nodeInternalsInUse).toEqual({ outHeaders: !fallback, head: !fallback });
  });

  it('answers as the public API does: headers set, the head before and after it is built', async () => {
    const seen: unknown[] = [];
    const server = http.createServer((_req, res) => {
      res.setHeader('X-One', 'a');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      seen.push(outHeader(res, 'x-one'), outHeader(res, 'set-cookie'), outHeader(res, 'x-none'));
      seen.push(builtHead(res));
      res.writeHead(200);
      const head = builtHead(res);
      seen.push(fallback ? head : typeof head === 'string' && head.startsWith('HTTP/1.1 200 OK\r\n'));
      res.end('done');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await rawGet(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(res.body.toString()).toBe('done');
    } finally {
      server.close();
    }
    expect(seen).toEqual(['a', ['a=1', 'b=2'], undefined, undefined, fallback ? null : true]);
  });
});
