/**
 * Express's test/res.json.js, the app settings part ("json escape", "json replacer", "json
 * spaces"), ported onto `JsonResponse` in a view, on Express 4 and 5; each test keeps Express's
 * name. Express's `res.json(undefined)` has no JsonResponse equivalent (Django refuses it
 * unless `safe: false`, and `undefined` is no JSON), so it is left out.
 */
import request from 'supertest';
import { JsonResponse, view } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

describe.each(expressVersions)("Express's test/res.json.js app settings on %s", (_label, createApp) => {
  describe('"json escape" setting', () => {
    it('should be undefined by default', () => {
      expect(createApp().get('json escape')).toBeUndefined();
    });

    it('should unicode escape HTML-sniffing characters', async () => {
      const app = createApp();
      app.enable('json escape');
      app.use(view(() => new JsonResponse({ '&': '<script>' })));
      const res = await request(app).get('/');
      // Django's JsonResponse sends application/json without a charset (JSON is UTF-8, RFC 8259).
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.status).toBe(200);
      expect(res.text).toBe('{"\\u0026":"\\u003cscript\\u003e"}');
    });
  });

  describe('"json replacer" setting', () => {
    it('should be passed to JSON.stringify()', async () => {
      const app = createApp();
      app.set('json replacer', (key: string, val: unknown) => (key.startsWith('_') ? undefined : val));
      app.use(view(() => new JsonResponse({ name: 'tobi', _id: 12345 })));
      const res = await request(app).get('/');
      expect(res.status).toBe(200);
      expect(res.text).toBe('{"name":"tobi"}');
    });
  });

  describe('"json spaces" setting', () => {
    it('should be undefined by default', () => {
      expect(createApp().get('json spaces')).toBeUndefined();
    });

    it('should be passed to JSON.stringify()', async () => {
      const app = createApp();
      app.set('json spaces', 2);
      app.use(view(() => new JsonResponse({ name: 'tobi', age: 2 })));
      const res = await request(app).get('/');
      expect(res.status).toBe(200);
      expect(res.text).toBe('{\n  "name": "tobi",\n  "age": 2\n}');
    });
  });
});
