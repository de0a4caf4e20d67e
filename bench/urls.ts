/**
 * The `urls-10` and `urls-200` scenarios: a request routed through `urlpatterns()` (Django's
 * matching: `path('r199/items/<int:id>/', …)`, the converter's int in `req.params`) beside the
 * same routes as plain Express routes (`router.get('/r199/items/:id/', …)`), 10 and 200 of
 * them, the request for the last one. Both handlers are the same Express handler, so only the
 * routing differs.
 */
import type express from 'express';
import { path, urlpatterns } from '../lib/index.js';
import type { Scenario } from './scenarios.js';

const SIZES = [10, 200];

/** The handler both sides mount: it sends the id it was routed with. */
function sendId(req: express.Request, res: express.Response, _next: express.NextFunction): void {
  res.send(`item ${String(req.params.id)}`);
}

/** Mount both sides of each scenario. */
export function mountUrls(app: express.Express, createRouter: () => express.Router): void {
  for (const size of SIZES) {
    const router = createRouter();
    const patterns = [];
    for (let i = 0; i < size; i++) {
      router.get(`/r${i}/items/:id/`, sendId);
      patterns.push(path(`r${i}/items/<int:id>/`, sendId, { name: `item-${i}` }));
    }
    app.use(`/express-routes-${size}`, router);
    app.use(`/urlpatterns-${size}`, urlpatterns(patterns));
  }
}

/** The scenarios, registered in scenarios.ts. */
export const URL_SCENARIOS: Scenario[] = SIZES.map((size) => ({
  id: `urls-${size}`,
  label: `\`urlpatterns()\` with ${size} \`path()\` patterns vs the same ${size} Express routes, the last one requested`,
  short: `urlpatterns, ${size} patterns`,
  kind: 'requests',
  baseline: {
    name: `${size} Express routes`,
    server: 'express',
    path: `/express-routes-${size}/r${size - 1}/items/42/`,
  },
  adapter: { name: `urlpatterns (${size})`, server: 'express', path: `/urlpatterns-${size}/r${size - 1}/items/42/` },
  target: 0.9,
  status: 200,
  sameHeaders: ['content-type', 'content-length', 'etag'],
  sameBody: true,
}));
