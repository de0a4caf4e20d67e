/**
 * Signing in and out: Django's session (the `sessionid` cookie, the `django_session` row with
 * Django's `_auth_user_*` keys), CSRF on the login form, `?next=` through
 * urlHasAllowedHostAndScheme, and the django-axes lockout.
 */
import request from 'supertest';
import { expressVersions } from '../helpers/apps.js';
import { CHAIR, makeSite, visitor, withCsrfToken, type TestSite } from './setup.js';

/** The cookies of a response's `Set-Cookie` headers: name, value and attributes (lower-case names). */
function parseSetCookie(headers: string[] | undefined): Array<Record<string, string | true>> {
  return (headers ?? []).map((header) => {
    const [pair = '', ...attributes] = header.split(/;\s*/);
    const at = pair.indexOf('=');
    const cookie: Record<string, string | true> = { name: pair.slice(0, at), value: pair.slice(at + 1) };
    for (const attribute of attributes) {
      const [key = '', value] = attribute.split('=');
      cookie[key.toLowerCase()] = value ?? true;
    }
    return cookie;
  });
}

const LOCKED = 'Account locked: too many login attempts. Please try again later.';

describe.each(expressVersions)('the accounts views (%s)', (_label, createExpress) => {
  let site: TestSite;
  let clock: Date;
  beforeEach(() => {
    clock = new Date('2026-09-14T09:00:00Z');
    site = makeSite(createExpress, { now: () => clock });
  });
  afterEach(() => site.close());

  async function login(
    credentials: Record<string, string>,
    query = '',
    headers: Record<string, string> = {},
  ): Promise<request.Response> {
    const agent = await visitor(site.app);
    return agent.post(`/accounts/login/${query}`).type('form').set(headers).send(credentials);
  }

  describe('GET /accounts/login/', () => {
    it('shows the form, never cached, with next kept', async () => {
      const res = await request(site.app).get('/accounts/login/?next=/chair/submissions/3/');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toContain('no-store');
      expect(res.text).toContain('<input type="hidden" name="next" value="/chair/submissions/3/">');
      expect(res.text).toContain('<code>chair</code> with the password <code>dccn-2026</code>');
    });

    it('answers OPTIONS with the methods the class-based view has, and PUT with 405', async () => {
      const options = await request(site.app).options('/accounts/login/');
      expect(options.status).toBe(200);
      expect(options.headers['allow']).toBe('GET, POST, HEAD, OPTIONS');
      const put = await (await visitor(site.app)).put('/accounts/login/');
      expect(put.status).toBe(405);
      expect(put.headers['allow']).toBe('GET, POST, HEAD, OPTIONS');
    });
  });

  describe('POST /accounts/login/', () => {
    it("signs in through Django's session: a new sessionid, Django's keys in django_session, and a new CSRF token", async () => {
      const agent = await visitor(site.app);
      const res = await agent.post('/accounts/login/').type('form').send(CHAIR);
      expect(res.status).toBe(302);
      expect(res.headers['location']).toBe('/chair/');
      const cookies = parseSetCookie(res.headers['set-cookie'] as unknown as string[]);
      const session = cookies.find((cookie) => cookie.name === 'sessionid');
      expect(session).toMatchObject({ httponly: true, samesite: 'Lax', path: '/', 'max-age': '1209600' });
      expect(session!.value).toMatch(/^[a-z0-9]{32}$/);
      // login() rotated the CSRF secret (Django's rotate_token).
      expect(cookies.find((cookie) => cookie.name === 'csrftoken')?.value).toMatch(/^[A-Za-z0-9]{32}$/);
      const row = site.store.db
        .prepare('SELECT session_data FROM django_session WHERE session_key = ?')
        .get(session!.value) as { session_data: string } | undefined;
      expect(row).toBeDefined();
    });

    it("sets the chair's last_login, as Django's update_last_login does on user_logged_in, and only on success", async () => {
      const lastLogin = (): unknown =>
        (
          site.store.db.prepare("SELECT last_login FROM auth_user WHERE username = 'chair'").get() as {
            last_login: unknown;
          }
        ).last_login;
      const before = lastLogin();
      expect((await login({ ...CHAIR, password: 'wrong' })).status).toBe(200);
      expect(lastLogin()).toBe(before);
      expect((await login(CHAIR)).status).toBe(302);
      expect(lastLogin()).toBe('2026-09-14 09:00:00.000');
    });

    it('refuses a login form posted without its CSRF token (login CSRF), before looking at the password', async () => {
      const res = await request(site.app)
        .post('/accounts/login/')
        .type('form')
        .set('Sec-Fetch-Site', 'cross-site')
        .send(CHAIR);
      expect(res.status).toBe(403);
      expect(res.headers['set-cookie']).toBeUndefined();
      const noToken = await request(site.app).post('/accounts/login/').type('form').send(CHAIR);
      expect(noToken.status).toBe(403);
      expect(noToken.text).toContain('CSRF verification failed');
    });

    it.each([
      ['/chair/submissions/3/', '/chair/submissions/3/'],
      ['/chair/?status=accepted&q=zürich', '/chair/?status=accepted&q=z%C3%BCrich'],
      ['https://evil.example/phish', '/chair/'],
      ['//evil.example/', '/chair/'],
      ['/\\evil.example', '/chair/'],
      ['javascript:alert(1)', '/chair/'],
      ['', '/chair/'],
    ])('redirects to next=%j only when it stays on this site (to %s)', async (next, location) => {
      const res = await login({ ...CHAIR, next });
      expect(res.status).toBe(302);
      expect(res.headers['location']).toBe(location);
    });

    it('accepts an absolute next on its own host, and a next in the query string', async () => {
      const agent = await visitor(site.app);
      const host = await agent
        .post('/accounts/login/')
        .type('form')
        .set('Host', 'dccn.example')
        .send({
          ...CHAIR,
          next: 'http://dccn.example/chair/?page=2',
        });
      expect(host.headers['location']).toBe('http://dccn.example/chair/?page=2');
      const query = await login(CHAIR, '?next=%2Fchair%2Fsubmissions%2F5%2F');
      expect(query.headers['location']).toBe('/chair/submissions/5/');
    });

    it('shows the form again after a wrong password, counting the attempts left', async () => {
      const res = await login({ username: 'chair', password: 'nope', next: '/chair/' });
      expect(res.status).toBe(200);
      expect(parseSetCookie(res.headers['set-cookie'] as unknown as string[]).map((c) => c.name)).not.toContain(
        'sessionid',
      );
      expect(res.text).toContain('Wrong username or password: 2 attempts left.');
      expect(res.text).toContain('value="/chair/"');
      expect(res.text).toContain('value="chair"');
      const unknown = await login({ username: 'nobody', password: 'nope' });
      expect(unknown.text).toContain('Wrong username or password: 2 attempts left.');
    });

    it('locks the username out from this address after three failures, with the lockout page (429)', async () => {
      await login({ username: 'chair', password: '1' });
      await login({ username: 'chair', password: '2' });
      const third = await login({ username: 'chair', password: '3' });
      expect(third.status).toBe(429);
      expect(third.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(third.text).toContain('<h1>Account locked</h1>');
      expect(third.text).toContain(LOCKED);
      expect(third.text).toContain('<code>chair</code> failed 3 times from your address');
      // The right password does not help while locked out...
      const right = await login(CHAIR);
      expect(right.status).toBe(429);
      expect(right.headers['set-cookie']).toBeUndefined();
      // ...but another username is not locked.
      const other = await login({ username: 'someone', password: 'x' });
      expect(other.status).toBe(200);
    });

    it('answers an XHR with the lockout as JSON', async () => {
      for (const password of ['1', '2']) {
        const res = await login({ username: 'chair', password }, '', { 'X-Requested-With': 'XMLHttpRequest' });
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ detail: 'Wrong username or password.', attemptsLeft: password === '1' ? 2 : 1 });
      }
      const locked = await login({ username: 'chair', password: '3' }, '', { 'X-Requested-With': 'XMLHttpRequest' });
      expect(locked.status).toBe(429);
      expect(locked.headers['content-type']).toBe('application/json');
      expect(locked.body).toEqual({
        detail: LOCKED,
        username: 'chair',
        failureLimit: 3,
        coolOffMinutes: 30,
        coolOffTime: 'PT1800S',
      });
      const fetchLike = await login(CHAIR, '', { Accept: 'application/json' });
      expect(fetchLike.status).toBe(429);
      expect(fetchLike.body).toMatchObject({ detail: LOCKED });
    });

    it('lets the chair in again once the cool-off has passed', async () => {
      for (const password of ['1', '2', '3']) await login({ username: 'chair', password });
      clock = new Date(clock.getTime() + 29 * 60 * 1000);
      expect((await login(CHAIR)).status).toBe(429);
      clock = new Date(clock.getTime() + 60 * 1000);
      const res = await login(CHAIR);
      expect(res.status).toBe(302);
      expect(res.headers['location']).toBe('/chair/');
    });

    it('forgets the failures after a successful login', async () => {
      await login({ username: 'chair', password: '1' });
      await login({ username: 'chair', password: '2' });
      expect((await login(CHAIR)).status).toBe(302);
      const again = await login({ username: 'chair', password: '3' });
      expect(again.text).toContain('2 attempts left.');
    });
  });

  describe('with lockoutUrl set', () => {
    it('redirects a locked-out browser there, and that page explains', async () => {
      site.close();
      site = makeSite(createExpress, { lockoutUrl: '/accounts/locked/' });
      for (const password of ['1', '2']) await login({ username: 'chair', password });
      const locked = await login({ username: 'chair', password: '3' });
      expect(locked.status).toBe(302);
      expect(locked.headers['location']).toBe('/accounts/locked/?username=chair');
      const page = await request(site.app).get(locked.headers['location']!);
      expect(page.status).toBe(200);
      expect(page.text).toContain(LOCKED);
      expect(page.text).toContain('<code>chair</code> failed 3 times');
      // XHR still gets JSON, as django-axes answers AJAX first.
      const xhr = await login(CHAIR, '', { 'X-Requested-With': 'XMLHttpRequest' });
      expect(xhr.status).toBe(429);
    });
  });

  describe('POST /accounts/logout/', () => {
    it('flushes the session (its row deleted, the cookie too) and goes home; the chair page then asks to sign in', async () => {
      const agent = await visitor(site.app);
      await agent.post('/accounts/login/').type('form').send(CHAIR).expect(302);
      // login() rotated the CSRF token: the old one no longer signs out.
      expect((await agent.post('/accounts/logout/')).status).toBe(403);
      await withCsrfToken(agent);
      expect((await agent.get('/chair/')).status).toBe(200);
      const rows = () => (site.store.db.prepare('SELECT count(*) AS n FROM django_session').get() as { n: number }).n;
      expect(rows()).toBe(1);
      const res = await agent.post('/accounts/logout/');
      expect(res.status).toBe(302);
      expect(res.headers['location']).toBe('/');
      const cookie = parseSetCookie(res.headers['set-cookie'] as unknown as string[]).find(
        (c) => c.name === 'sessionid',
      );
      expect(cookie).toMatchObject({ 'max-age': '0' });
      expect(rows()).toBe(0);
      expect((await agent.get('/chair/')).status).toBe(302);
    });

    it('answers GET with 405 from requirePOST', async () => {
      const res = await (await visitor(site.app)).get('/accounts/logout/');
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe('POST');
    });
  });
});
