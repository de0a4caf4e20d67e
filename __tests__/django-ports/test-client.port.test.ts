/**
 * Django's tests/test_client/tests.py (ClientTest), ported case by case onto the Client and
 * the fixture app that ports tests/test_client/views.py (__tests__/fixtures/test-client-app.ts),
 * on Express 4 and 5. Each test is named after Django's; what differs is said beside it.
 * Django's `self.assertX(response, ...)` become this package's matchers.
 */
import '../../lib/testing/jest-setup';
import { Client, RedirectCycleError } from '../../lib/testing/index.js';
import { expressVersions } from '../helpers/apps.js';
import { testClientApp } from '../fixtures/test-client-app.js';

describe.each(expressVersions)("Django's test_client ClientTest on %s", (_label, createApp) => {
  const app = testClientApp(createApp);
  let client: Client;
  beforeEach(() => {
    client = new Client(app);
  });

  it('test_get_view: GET a view', async () => {
    const response = await client.get('/get_view/', { var: '\u00f2' });
    await expect(response).toContainText('This is a test');
    expect(response.context?.var).toBe('\u00f2');
    expect(response.templates[0]?.name).toBe('test_client/get.njk');
  });

  it('test_get_post_view: GET a view that normally expects POSTs', async () => {
    const response = await client.get('/post_view/', {});
    expect(response).toHaveStatus(200);
    expect(response.templates[0]?.name).toBe('test_client/empty_get.njk');
    expect(response).toUseTemplate('test_client/empty_get');
    expect(response).not.toUseTemplate('test_client/empty_post');
  });

  it('test_empty_post: POST an empty dictionary to a view', async () => {
    const response = await client.post('/post_view/', {});
    expect(response).toHaveStatus(200);
    expect(response).not.toUseTemplate('test_client/empty_get');
    expect(response).toUseTemplate('test_client/empty_post');
  });

  it('test_post: POST some data to a view', async () => {
    const response = await client.post('/post_view/', { value: 37 });
    expect(response).toHaveStatus(200);
    expect(response.context?.data).toBe('37');
    expect(response).toUseTemplate('test_client/post');
    await expect(response).toContainText('Data received');
  });

  it('test_json_serialization: the JSON client serializes data for every method', async () => {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const response = await client[method]('/json_view/', { value: 37 }, { contentType: 'application/json' });
      await expect(response).toContainText(`Viewing ${method.toUpperCase()} page. With data {&quot;value&quot;:37}.`);
      expect(response.context?.data).toEqual({ value: 37 });
    }
  });

  it('test_response_headers: check the value of HTTP headers returned in a response', async () => {
    const response = await client.get('/header_view/');
    expect(response.get('X-DJANGO-TEST')).toBe('Slartibartfast');
    expect(response).toHaveHeader('x-django-test', 'Slartibartfast');
  });

  it('test_insecure: GET a URL through http', async () => {
    const response = await client.get('/secure_view/', undefined, { secure: false });
    expect(response).toHaveHeader('X-Was-Secure', 'false');
  });

  it('test_secure: GET a URL through https', async () => {
    const response = await client.get('/secure_view/', undefined, { secure: true });
    expect(response).toHaveHeader('X-Was-Secure', 'true');
  });

  it('test_redirect: GET a URL that redirects elsewhere', async () => {
    const response = await client.get('/redirect_view/');
    await expect(response).toRedirectTo('/get_view/', { fetchRedirectResponse: true });
  });

  it('test_redirect_with_query: GET a URL that redirects with given GET parameters', async () => {
    const response = await client.get('/redirect_view/', { var: 'value' });
    await expect(response).toRedirectTo('/get_view/?var=value', { fetchRedirectResponse: true });
  });

  it('test_redirect_with_query_ordering: assertRedirects ignores the order of query parameters', async () => {
    const response = await client.get('/redirect_view/', { var: 'value', foo: 'bar' });
    await expect(response).toRedirectTo('/get_view/?var=value&foo=bar');
    await expect(response).toRedirectTo('/get_view/?foo=bar&var=value');
  });

  it('test_permanent_redirect: GET a URL that redirects permanently elsewhere', async () => {
    const response = await client.get('/permanent_redirect_view/');
    await expect(response).toRedirectTo('/get_view/', { status: 301 });
  });

  it('test_temporary_redirect: GET a URL that does a non-permanent redirect', async () => {
    const response = await client.get('/temporary_redirect_view/');
    await expect(response).toRedirectTo('/get_view/', { status: 302 });
  });

  it('test_redirect_to_strange_location: GET a URL that redirects to a non-200 page', async () => {
    const response = await client.get('/double_redirect_view/');
    await expect(response).toRedirectTo('/permanent_redirect_view/', {
      targetStatus: 301,
      fetchRedirectResponse: true,
    });
  });

  it('test_follow_redirect: a URL that redirects can be followed to termination', async () => {
    const response = await client.get('/double_redirect_view/', undefined, { follow: true });
    await expect(response).toRedirectTo('/get_view/', { status: 302, targetStatus: 200 });
    expect(response.redirectChain).toHaveLength(2);
    expect(response.redirectChain).toEqual([
      ['/permanent_redirect_view/', 302],
      ['/get_view/', 301],
    ]);
  });

  it('test_follow_relative_redirect: a URL with a relative redirect can be followed', async () => {
    const response = await client.get('/accounts/', undefined, { follow: true });
    expect(response).toHaveStatus(200);
    expect(response.request.url).toBe('http://testserver/accounts/login/');
  });

  it('test_follow_relative_redirect_no_trailing_slash', async () => {
    const response = await client.get('/accounts/no_trailing_slash', undefined, { follow: true });
    expect(response).toHaveStatus(200);
    expect(response.request.url).toBe('http://testserver/accounts/login/');
  });

  it('test_follow_307_and_308_redirect: 307 and 308 keep the method and the body', async () => {
    for (const code of [307, 308]) {
      const response = await client.post(`/method_saving_${code}_redirect_view/`, { value: 'x' }, { follow: true });
      expect(response).toUseTemplate('test_client/post');
      expect(response.context?.data).toBe('x');
      expect(response.request.method).toBe('POST');
      expect(response.redirectChain).toEqual([['/post_view/', code]]);
    }
  });

  it('test_follow_307_and_308_preserves_query_string', async () => {
    for (const code of [307, 308]) {
      const response = await client.post(`/method_saving_${code}_redirect_view/`, { value: 'x' }, { follow: true });
      expect(response.redirectChain).toEqual([['/post_view/', code]]);
      const withQuery = await client.post(
        `/method_saving_${code}_redirect_view/?to=${encodeURIComponent('/post_view/?hello=world')}`,
        { value: 'x' },
        { follow: true },
      );
      expect(withQuery.request.url).toBe('http://testserver/post_view/?hello=world');
      expect(withQuery.context?.data).toBe('x');
    }
  });

  it('test_follow_307_and_308_get_head_query_string: a GET or HEAD keeps its method, the query is the target’s', async () => {
    for (const code of [307, 308]) {
      for (const method of ['get', 'head'] as const) {
        const response = await client[method](
          `/method_saving_${code}_redirect_view/`,
          { to: '/post_view/?hello=world' },
          { follow: true },
        );
        expect(response.request.method).toBe(method.toUpperCase());
        expect(response.request.url).toBe('http://testserver/post_view/?hello=world');
      }
    }
  });

  it("(not a Django test) a POST followed through a 302 becomes a GET, as Django's _handle_redirects does", async () => {
    const response = await client.post('/redirect_view/', { value: 'x' }, { follow: true });
    expect(response.request.method).toBe('GET');
    expect(response).toUseTemplate('test_client/get');
  });

  it('test_redirect_http: GET a URL that redirects to an http URI', async () => {
    const response = await client.get('/http_redirect_view/', undefined, { follow: true });
    expect(response).toHaveHeader('X-Was-Secure', 'false');
  });

  it('test_redirect_https: GET a URL that redirects to an https URI', async () => {
    const response = await client.get('/https_redirect_view/', undefined, { follow: true });
    expect(response).toHaveHeader('X-Was-Secure', 'true');
  });

  it("test_notfound_response: GET a URL that responds as '404:Not Found'", async () => {
    const response = await client.get('/bad_view/');
    await expect(response).toContainText('MAGIC', { status: 404 });
  });

  it('test_unknown_page: GET an invalid URL', async () => {
    const response = await client.get('/unknown_view/');
    expect(response).toHaveStatus(404);
  });

  it('test_view_with_login: request a page that is protected with @login_required', async () => {
    // Get the page without logging in. Should result in 302.
    const anonymous = await client.get('/login_protected_view/');
    await expect(anonymous).toRedirectTo('/accounts/login/?next=/login_protected_view/');
    // Log in: Django's client.login(); here the login view sets the session cookie the client keeps.
    const login = await client.post('/accounts/login/', { username: 'testclient', password: 'password' });
    expect(login).toHaveStatus(200);
    // Request a page that requires a login.
    const response = await client.get('/login_protected_view/');
    expect(response).toHaveStatus(200);
    expect(response.context?.user).toMatchObject({ username: 'testclient' });
  });

  it('test_view_with_bad_login: request a page that is protected with @login, but use bad credentials', async () => {
    const login = await client.post('/accounts/login/', { username: 'otheruser', password: 'nopassword' });
    expect(login).toHaveStatus(401);
    await expect(client.get('/login_protected_view/')).resolves.toRedirectTo(
      '/accounts/login/?next=/login_protected_view/',
    );
  });

  it('test_logout: request a logout after logging in', async () => {
    await client.post('/accounts/login/', { username: 'testclient', password: 'password' });
    expect((await client.get('/login_protected_view/')).statusCode).toBe(200);
    await client.post('/accounts/logout/');
    await expect(client.get('/login_protected_view/')).resolves.toRedirectTo(
      '/accounts/login/?next=/login_protected_view/',
    );
  });

  it('test_cookies: cookies set on the client are sent (Django: client.cookies[name] = value)', async () => {
    client.setCookie('sessionid', 'testclient');
    const response = await client.get('/login_protected_view/');
    expect(response.context?.user).toMatchObject({ username: 'testclient' });
  });

  it('test_uploading_named_temp_file (Django: upload_view prints the keys of request.FILES)', async () => {
    const response = await client.post('/upload_view/', {
      test_file: new File(['1'], 'test_file.txt'),
    });
    expect(response.text).toBe('test_file');
  });

  // tests/test_client_regress/tests.py, AssertRedirectsTests.
  it('test_client_regress test_circular_redirect: circular redirect chains are caught', async () => {
    const error = await client.get('/circular_redirect_1/', undefined, { follow: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectCycleError);
    expect((error as Error).message).toMatch(/^Redirect loop detected/);
    expect((error as RedirectCycleError).lastResponse.redirectChain).toHaveLength(4);
  });

  it('test_client_regress test_redirect_to_self: a page that redirects to itself is caught', async () => {
    const error = await client.get('/redirect_to_self/', undefined, { follow: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectCycleError);
    expect((error as RedirectCycleError).lastResponse.redirectChain).toEqual([
      ['/redirect_to_self/', 302],
      ['/redirect_to_self/', 302],
    ]);
  });
});
