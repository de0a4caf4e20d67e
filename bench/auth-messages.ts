/**
 * The `session-messages` scenario: a request that writes the session and adds a flash message,
 * through `sessionMiddleware` (Django's cache engine on an in-memory Keyv) + `messagesMiddleware`
 * (Django's fallback storage), beside the same request on `express-session` (its MemoryStore) +
 * `connect-flash`. Every request starts a new session, as a visitor's first page does.
 */
import express from 'express';
import expressSession from 'express-session';
import flash from 'connect-flash';
import Keyv from 'keyv';
import { CacheSessionStore, getSession, messages, messagesMiddleware, sessionMiddleware } from '../lib/index.js';
import type { Scenario } from './scenarios.js';

const SECRET = 'bench-session-secret';

/** Mount both routes of the scenario, each under its own middleware. */
export function mountSessionMessages(app: express.Express): void {
  const baseline = express.Router();
  baseline.use(expressSession({ secret: SECRET, resave: false, saveUninitialized: false }));
  baseline.use(flash());
  baseline.get('/', (req, res) => {
    const session = req.session as typeof req.session & { visits?: number };
    session.visits = (session.visits ?? 0) + 1;
    req.flash('success', 'Saved.');
    res.send('ok');
  });
  app.use('/session-messages/express-session', baseline);

  const adapter = express.Router();
  adapter.use(sessionMiddleware({ secretKey: SECRET, store: new CacheSessionStore(new Keyv()) }));
  adapter.use(messagesMiddleware());
  adapter.get('/', (req, res) => {
    const session = getSession(req);
    session.set('visits', session.get<number>('visits', 0) + 1);
    messages.success(req, 'Saved.');
    res.send('ok');
  });
  app.use('/session-messages/adapter', adapter);
}

/** The scenario, registered in scenarios.ts. */
export const SESSION_MESSAGES_SCENARIO: Scenario = {
  id: 'session-messages',
  label:
    'a session write + a flash message: `sessionMiddleware` + `messagesMiddleware` vs `express-session` + `connect-flash`',
  short: 'session + message (memory)',
  kind: 'requests',
  baseline: { name: 'express-session + connect-flash', server: 'express', path: '/session-messages/express-session/' },
  adapter: { name: 'sessionMiddleware + messagesMiddleware', server: 'express', path: '/session-messages/adapter/' },
  target: 0.8,
  status: 200,
  sameHeaders: ['content-type', 'content-length'],
  sameBody: true,
};
