/**
 * client.login(), client.forceLogin() and client.logout() (Django's test client's) through a
 * real app with sessionMiddleware and authenticationMiddleware, on Express 4 and 5; and the
 * toHaveMessages matcher (Django's assertMessages).
 */
import { messages, messagesMiddleware } from '../../lib/index.js';
import { Client } from '../../lib/testing/index.js';
import '../../lib/testing/jest-setup.js';
import { expressVersions } from '../helpers/apps.js';
import { authSite, makeUsers, type SiteUser } from '../helpers/auth-site.js';

describe.each(expressVersions)('the test Client signs in and out on %s', (_label, express) => {
  let users: Map<number, SiteUser>;
  beforeEach(async () => {
    users = await makeUsers();
  });
  const whoami = async (client: Client) => ((await client.get('/state/')).json() as { user: string | null }).user;

  it('forceLogin(user) signs in with the app’s own session store and cookie', async () => {
    const client = new Client(authSite(express, users).app);
    expect(await whoami(client)).toBeNull();
    await client.forceLogin(users.get(2) as SiteUser);
    expect(client.getCookie('sessionid')).toMatch(/^[a-z0-9]{32}$/);
    expect(await whoami(client)).toBe('staff');
  });

  it('login(credentials) is true and signs in for good credentials, false for bad ones', async () => {
    const client = new Client(authSite(express, users).app);
    expect(await client.login({ username: 'testclient', password: 'wrong' })).toBe(false);
    expect(await whoami(client)).toBeNull();
    expect(await client.login({ username: 'testclient', password: 'password' })).toBe(true);
    expect(await whoami(client)).toBe('testclient');
  });

  it('logout() flushes the session in the store and forgets the cookies', async () => {
    const site = authSite(express, users);
    const client = new Client(site.app);
    await client.forceLogin(users.get(1) as SiteUser);
    const key = client.getCookie('sessionid') as string;
    await client.logout();
    expect(client.getCookie('sessionid')).toBeUndefined();
    expect(await site.store.load(key, { secretKey: 'x', secretKeyFallbacks: [], cookieAge: 1 })).toBeNull();
    expect(await whoami(client)).toBeNull();
  });

  it('login() without an authenticate option says what to add', async () => {
    const client = new Client(authSite(express, users, { withoutAuthenticate: true }).app);
    await expect(client.login({ username: 'testclient', password: 'password' })).rejects.toThrow(
      /client\.login\(credentials\) needs authenticationMiddleware\(\{ getUser, authenticate: \(credentials\) => user \}\)/,
    );
  });

  it('a probe nothing answers says where to mount the middleware', async () => {
    const app = express();
    app.get('/', (_req, res) => void res.send('home'));
    await expect(new Client(app).forceLogin({ pk: 1 })).rejects.toThrow(
      'client.forceLogin() sent GET / through the app, but no authenticationMiddleware() answered it (the app answered 200)',
    );
  });
});

describe.each(expressVersions)('toHaveMessages on %s', (_label, express) => {
  function app() {
    const site = express();
    site.use(messagesMiddleware({ secretKey: 'matcher-secret', storage: 'cookie' }));
    site.get('/add/', (req, res) => {
      messages.success(req, 'Saved.');
      messages.warning(req, 'Mind the gap.', { extraTags: 'banner' });
      res.send('ok');
    });
    return site;
  }

  it('compares level and text, in order unless ordered: false (Django’s assertMessages)', async () => {
    const response = await new Client(app()).get('/add/');
    const { SUCCESS, WARNING } = messages.constants;
    expect(response).toHaveMessages([
      { level: SUCCESS, message: 'Saved.' },
      { level: WARNING, message: 'Mind the gap.' },
    ]);
    expect(response).not.toHaveMessages([
      { level: WARNING, message: 'Mind the gap.' },
      { level: SUCCESS, message: 'Saved.' },
    ]);
    expect(response).toHaveMessages(
      [
        { level: WARNING, message: 'Mind the gap.' },
        { level: SUCCESS, message: 'Saved.' },
      ],
      { ordered: false },
    );
    expect(() => expect(response).toHaveMessages([{ level: SUCCESS, message: 'Saved.' }])).toThrow(
      /Expected messages: \[\{"level": 25, "message": "Saved\."\}\]\nReceived messages: \[\{"level": 25, "message": "Saved\."\}, \{"level": 30, "message": "Mind the gap\."\}\]/,
    );
  });

  it('a response without messagesMiddleware is refused, naming what it needs', async () => {
    const bare = express();
    bare.get('/', (_req, res) => void res.send('ok'));
    const response = await new Client(bare).get('/');
    expect(() => expect(response).toHaveMessages([])).toThrow(
      /must be a response of the test Client on an app with messagesMiddleware\(\)/,
    );
  });
});
