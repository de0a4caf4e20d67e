/**
 * The live counts of submissions by status, as Server-Sent Events: the home page's badges
 * follow the chair's decisions without a reload (example-app/static/live.js).
 */
import { EventEmitter, on } from 'node:events';
import type { Request } from 'express';
import { EventStreamResponse, requestSignal } from '../../lib/index.js';
import type { ConferenceStore } from '../db.js';
import { siteOf } from '../site.js';

const decisions = new WeakMap<ConferenceStore, EventEmitter>();

function decisionsOf(store: ConferenceStore): EventEmitter {
  let bus = decisions.get(store);
  if (bus === undefined) {
    bus = new EventEmitter();
    bus.setMaxListeners(0); // one listener per open page
    decisions.set(store, bus);
  }
  return bus;
}

/** Tell every open page that a submission's status changed. */
export function announceDecision(req: Request): void {
  decisionsOf(siteOf(req).store).emit('decision');
}

/** GET /events/submissions: the counts by status now, then after every decision. */
export function submissionCounts(req: Request): EventStreamResponse {
  const { store } = siteOf(req);
  const bus = decisionsOf(store);
  // The listener on the bus goes when the page does: `on()` stops on the request's signal.
  const signal = requestSignal(req);
  return new EventStreamResponse(
    (async function* () {
      yield { event: 'counts', data: store.statusCounts() };
      for await (const _ of on(bus, 'decision', { signal })) yield { event: 'counts', data: store.statusCounts() };
    })(),
    { heartbeatMs: 15_000 },
  );
}
