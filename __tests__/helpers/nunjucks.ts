import path from 'node:path';
import nunjucks from 'nunjucks';
import type { Express } from 'express';

/** The templates the tests render (`__tests__/fixtures/templates/`). */
export const TEMPLATES = path.join(__dirname, '..', 'fixtures', 'templates');

/** Make nunjucks `app`'s view engine for `.njk` templates, as an app would. */
export function useNunjucks(app: Express): Express {
  nunjucks.configure(TEMPLATES, { express: app, autoescape: true, noCache: true });
  app.set('view engine', 'njk');
  return app;
}
