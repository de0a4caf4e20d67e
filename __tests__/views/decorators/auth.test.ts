/**
 * The auth decorators and the `View` access statics over real HTTP on Express 4 and 5, ported
 * from Django's tests/auth_tests/test_decorators.py (LoginRequiredTestCase,
 * PermissionsRequiredDecoratorTest, UserPassesTestDecoratorTest), test_mixins.py
 * (AccessMixinTests, UserPassesTestTests, LoginRequiredMixinTests, PermissionsRequiredMixinTests)
 * and test_views.py (RedirectToLoginTests). The user is put on `req.user` by a middleware, as
 * passport does.
 */
import type { Express, NextFunction, Request, Response } from 'express';
import request from 'supertest';
import {
  HttpResponse,
  View,
  httpErrorHandler,
  isSignedIn,
  loginRequired,
  path,
  permissionRequired,
  redirectToLogin,
  urlpatterns,
  userPassesTest,
  view,
  type ViewHandler,
} from '../../../lib/index.js';
import { expressVersions, type AppFactory } from '../../helpers/apps.js';

interface TestUser {
  username: string;
  permissions?: string[];
  isAuthenticated?: boolean | (() => boolean);
  hasPerms?: (perms: readonly string[]) => boolean | Promise<boolean>;
}
const USERS: Record<string, TestUser> = {
  testclient: { username: 'testclient' },
  perms: { username: 'perms', permissions: ['auth.add_customuser', 'auth.change_customuser'] },
  // passport-style: a method
  method: { username: 'method', isAuthenticated: () => true },
  anonymous: { username: 'anonymous', isAuthenticated: false },
  asyncperms: { username: 'asyncperms', hasPerms: async (perms) => perms.every((p) => p.startsWith('auth.')) },
};

const normalView: ViewHandler = (req) =>
  new HttpResponse(`ok ${(req as Request & { user?: TestUser }).user?.username ?? ''}`);

class AlwaysTrueView extends View {
  override get(): HttpResponse {
    return new HttpResponse('ok');
  }
}
class LoginRequiredView extends AlwaysTrueView {
  static override loginRequired = true;
}
class PermsView extends AlwaysTrueView {
  static override permissionRequired = ['auth.add_customuser', 'auth.change_customuser'];
}
class SinglePermView extends AlwaysTrueView {
  static override permissionRequired = 'auth.add_customuser';
}
class MissingPermView extends AlwaysTrueView {
  static override permissionRequired = ['auth.add_customuser', 'auth.change_customuser', 'nonexistent-permission'];
}
class MissingPermRaiseView extends MissingPermView {
  static override raiseException = true;
  static override permissionDeniedMessage = 'You shall not pass';
}
class StackedView extends AlwaysTrueView {
  static override loginRequired = true;
  static override permissionRequired = ['auth.add_customuser', 'auth.change_customuser'];
}
class StackedMissingView extends StackedView {
  static override permissionRequired = ['auth.add_customuser', 'auth.change_customuser', 'nonexistent-permission'];
}
class RemoteLoginView extends LoginRequiredView {
  static override loginUrl = 'https:///login/';
}
class CustomLoginView extends LoginRequiredView {
  static override loginUrl = '/login/';
  static override redirectFieldName = 'goto';
}
class NoRedirectFieldView extends LoginRequiredView {
  static override redirectFieldName = null;
}
class HeaderUserView extends LoginRequiredView {
  static override getUser(req: Request): unknown {
    return req.get('X-Api-User') ? { username: req.get('X-Api-User') } : undefined;
  }
}

function appFor(createApp: AppFactory): Express {
  const app = createApp();
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const name = req.get('X-Test-User');
    if (name) (req as Request & { user?: TestUser | undefined }).user = USERS[name];
    next();
  });
  app.get('/login_required/', view(normalView, loginRequired));
  app.get('/login_required_bare/', view(loginRequired(normalView)));
  app.get('/login_required_login_url/', view(normalView, loginRequired({ loginUrl: '/somewhere/' })));
  app.get('/login_required_field/', view(normalView, loginRequired({ redirectFieldName: 'then' })));
  app.get('/login_required_no_field/', view(normalView, loginRequired({ redirectFieldName: null })));
  app.get(
    '/login_required_get_user/',
    view(normalView, loginRequired({ getUser: (req) => (req.get('X-Api-User') ? {} : undefined) })),
  );
  app.get('/perms_many/', view(normalView, permissionRequired(['auth.add_customuser', 'auth.change_customuser'])));
  app.get(
    '/perms_set/',
    view(normalView, permissionRequired(new Set(['auth.add_customuser', 'auth.change_customuser']))),
  );
  app.get('/perms_single/', view(normalView, permissionRequired('auth.add_customuser')));
  app.get('/perms_denied/', view(normalView, permissionRequired(['auth.add_customuser', 'nonexistent-permission'])));
  app.get(
    '/perms_raise/',
    view(normalView, permissionRequired(['auth.add_customuser', 'nonexistent-permission'], { raiseException: true })),
  );
  app.get(
    '/perms_custom/',
    view(
      normalView,
      permissionRequired('polls.vote', {
        hasPerms: (user) => (user as TestUser | undefined)?.username === 'testclient',
      }),
    ),
  );
  app.get(
    '/passes/',
    view(
      normalView,
      userPassesTest((user?: TestUser) => user?.username === 'perms'),
    ),
  );
  app.get(
    '/passes_async/',
    view(
      normalView,
      userPassesTest(async (user?: TestUser) => Promise.resolve(user?.username === 'perms'), {
        loginUrl: '/in/',
        redirectFieldName: 'r',
      }),
    ),
  );
  app.get(
    '/passes_req/',
    view(
      normalView,
      userPassesTest((_user, req) => req.query.ok === '1'),
    ),
  );
  app.all('/cbv/login/', LoginRequiredView.asView());
  app.all('/cbv/perms/', PermsView.asView());
  app.all('/cbv/single/', SinglePermView.asView());
  app.all('/cbv/missing/', MissingPermView.asView());
  app.all('/cbv/missing_raise/', MissingPermRaiseView.asView());
  app.all('/cbv/stacked/', StackedView.asView());
  app.all('/cbv/stacked_missing/', StackedMissingView.asView());
  app.all('/cbv/remote/', RemoteLoginView.asView());
  app.all('/cbv/custom/', CustomLoginView.asView());
  app.all('/cbv/no_field/', NoRedirectFieldView.asView());
  app.all('/cbv/header_user/', HeaderUserView.asView());
  app.all('/cbv/open/', AlwaysTrueView.asView());
  app.use(httpErrorHandler());
  return app;
}

describe.each(expressVersions)('auth decorators on %s', (_label, createApp) => {
  const app = appFor(createApp);
  const get = (path: string, user?: string) => {
    const test = request(app).get(path);
    return user ? test.set('X-Test-User', user) : test;
  };

  describe('LoginRequiredTestCase', () => {
    it('testCallable / testView: decorating works bare and with options', async () => {
      await get('/login_required_bare/', 'testclient').expect(200, 'ok testclient');
      await get('/login_required/', 'testclient').expect(200, 'ok testclient');
    });
    it('testLoginRequired: anonymous gets 302 to settings.LOGIN_URL, signed in gets the view', async () => {
      const res = await get('/login_required/').expect(302);
      expect(res.headers.location).toBe('/accounts/login/?next=/login_required/');
      await get('/login_required/', 'testclient').expect(200);
      const bare = await get('/login_required_bare/').expect(302);
      expect(bare.headers.location).toBe('/accounts/login/?next=/login_required_bare/');
    });
    it('testLoginRequiredNextUrl: login_url=/somewhere/', async () => {
      const res = await get('/login_required_login_url/').expect(302);
      expect(res.headers.location).toBe('/somewhere/?next=/login_required_login_url/');
      await get('/login_required_login_url/', 'testclient').expect(200);
    });
    it('redirect_field_name: another field, or none', async () => {
      expect((await get('/login_required_field/?a=1&b=2')).headers.location).toBe(
        '/accounts/login/?then=/login_required_field/%3Fa%3D1%26b%3D2',
      );
      expect((await get('/login_required_no_field/?a=1')).headers.location).toBe('/accounts/login/');
    });
    it('isAuthenticated: a method is called, false is not signed in', async () => {
      await get('/login_required/', 'method').expect(200, 'ok method');
      await get('/login_required/', 'anonymous').expect(302);
      expect(isSignedIn(undefined)).toBe(false);
      expect(isSignedIn({})).toBe(true);
      expect(isSignedIn({ isAuthenticated: () => false })).toBe(false);
    });
    it('getUser(req) overrides req.user', async () => {
      await get('/login_required_get_user/', 'testclient').expect(302);
      await request(app).get('/login_required_get_user/').set('X-Api-User', 'x').expect(200);
    });
    it('says how to write it when misused', () => {
      expect(() => loginRequired(42 as never)).toThrow(
        'loginRequired decorates a view: write view(handler, loginRequired), loginRequired(handler) or loginRequired({ loginUrl }) (got 42).',
      );
      expect(() => loginRequired({ loginUrl: 5 as never })).toThrow(
        "loginRequired(): loginUrl must be a non-empty URL string such as '/login/' (got 5).",
      );
      expect(() => view(loginRequired as unknown as ViewHandler, normalView as never)).toThrow(
        /loginRequired and the view are swapped/,
      );
    });
  });

  describe('PermissionsRequiredDecoratorTest', () => {
    it('test_many_permissions_pass', async () => {
      await get('/perms_many/', 'perms').expect(200);
    });
    it('test_many_permissions_in_set_pass', async () => {
      await get('/perms_set/', 'perms').expect(200);
    });
    it('test_single_permission_pass', async () => {
      await get('/perms_single/', 'perms').expect(200);
    });
    it('test_permissioned_denied_redirect', async () => {
      const res = await get('/perms_denied/', 'perms').expect(302);
      expect(res.headers.location).toBe('/accounts/login/?next=/perms_denied/');
      await get('/perms_single/').expect(302);
    });
    it('test_permissioned_denied_exception_raised', async () => {
      await get('/perms_raise/', 'perms').expect(403);
      await get('/perms_raise/').expect(403);
    });
    it("hasPerms: the user's own (async) hasPerms, or an option", async () => {
      await get('/perms_many/', 'asyncperms').expect(200);
      await get('/perms_denied/', 'asyncperms').expect(302);
      await get('/perms_custom/', 'testclient').expect(200);
      await get('/perms_custom/', 'perms').expect(302);
    });
    it('names a wrong perms argument', () => {
      expect(() => permissionRequired(5 as never)).toThrow(
        "permissionRequired() needs a permission name or a list of them, such as 'papers.decide' (got 5).",
      );
    });
  });

  describe('UserPassesTestDecoratorTest', () => {
    it('test_decorator: passes and fails', async () => {
      await get('/passes/', 'perms').expect(200);
      expect((await get('/passes/', 'testclient').expect(302)).headers.location).toBe('/accounts/login/?next=/passes/');
    });
    it('test_decorator_async_test_func', async () => {
      await get('/passes_async/', 'perms').expect(200);
      expect((await get('/passes_async/?x=%20y').expect(302)).headers.location).toBe(
        '/in/?r=/passes_async/%3Fx%3D%2520y',
      );
    });
    it('the test gets req', async () => {
      await get('/passes_req/?ok=1').expect(200);
      await get('/passes_req/').expect(302);
    });
    it('names a missing test', () => {
      expect(() => userPassesTest(undefined as never)).toThrow(
        'userPassesTest() needs a test function (user, req) => boolean first, then options (got undefined).',
      );
    });
  });

  describe('LoginRequiredMixinTests / AccessMixinTests / PermissionsRequiredMixinTests', () => {
    it('test_login_required', async () => {
      expect((await get('/cbv/login/').expect(302)).headers.location).toBe('/accounts/login/?next=/cbv/login/');
      await get('/cbv/login/', 'testclient').expect(200, 'ok');
      await get('/cbv/open/').expect(200);
    });
    it('test_stacked_mixins_success', async () => {
      await get('/cbv/stacked/', 'perms').expect(200);
    });
    it('test_stacked_mixins_missing_permission: signed in without the perm gets 403', async () => {
      await get('/cbv/stacked_missing/', 'perms').expect(403);
    });
    it('test_stacked_mixins_not_logged_in', async () => {
      expect((await get('/cbv/stacked/').expect(302)).headers.location).toBe('/accounts/login/?next=/cbv/stacked/');
    });
    it('test_access_mixin_permission_denied_remote_login_url: the absolute URL in next', async () => {
      const res = await get('/cbv/remote/?a=1').set('Host', 'testserver').expect(302);
      expect(res.headers.location).toBe('https:///login/?next=http%3A//testserver/cbv/remote/%3Fa%3D1');
    });
    it('test_many_permissions_pass / test_single_permission_pass', async () => {
      await get('/cbv/perms/', 'perms').expect(200);
      await get('/cbv/single/', 'perms').expect(200);
    });
    it('test_permissioned_denied_redirect: anonymous goes to the login page', async () => {
      expect((await get('/cbv/missing/').expect(302)).headers.location).toBe('/accounts/login/?next=/cbv/missing/');
    });
    it('test_permissioned_denied_exception_raised', async () => {
      await get('/cbv/missing_raise/', 'perms').expect(403);
      await get('/cbv/missing_raise/').expect(403);
    });
    it('UserPassesTestTests test_custom_redirect_url / test_custom_redirect_parameter / test_no_redirect_parameter', async () => {
      expect((await get('/cbv/custom/').expect(302)).headers.location).toBe('/login/?goto=/cbv/custom/');
      expect((await get('/cbv/no_field/').expect(302)).headers.location).toBe('/accounts/login/');
    });
    it('getUser can be overridden on the class', async () => {
      await request(app).get('/cbv/header_user/').set('X-Api-User', 'k').expect(200);
      await get('/cbv/header_user/', 'testclient').expect(302);
    });
  });

  describe('RedirectToLoginTests', () => {
    it('test_redirect_to_login_with_lazy / _and_unicode', () => {
      expect(redirectToLogin('/restricted/', { loginUrl: '/login/' }).get('Location')).toBe(
        '/login/?next=/restricted/',
      );
      expect(redirectToLogin('/restricted/', { loginUrl: '/login/?next=/pass/' }).get('Location')).toBe(
        '/login/?next=/restricted/',
      );
      expect(redirectToLogin('/view/?param=test', { loginUrl: '/login/' }).get('Location')).toBe(
        '/login/?next=/view/%3Fparam%3Dtest',
      );
      expect(redirectToLogin('/accounts/login/?next=/caf\u00e9/').get('Location')).toBe(
        '/accounts/login/?next=/accounts/login/%3Fnext%3D/caf%C3%A9/',
      );
      expect(redirectToLogin('/x/', { loginUrl: '/login/', redirectFieldName: null }).get('Location')).toBe('/login/');
    });
  });
});

describe.each(expressVersions)('loginUrl as a URL pattern name on %s', (_label, createApp) => {
  const app = createApp();
  app.use(
    '/site',
    urlpatterns([
      path('signin/', () => new HttpResponse('sign in'), { name: 'signin' }),
      path('private/', normalView, { name: 'private' }),
      path('members/', loginRequired({ loginUrl: 'signin' })(normalView)),
    ]),
  );

  it("is reversed when a visitor is sent to it, as Django's resolve_url(login_url)", async () => {
    const response = await request(app).get('/site/members/').expect(302);
    expect(response.headers.location).toBe('/site/signin/?next=/site/members/');
    expect(redirectToLogin('/site/private/', { loginUrl: 'signin' }).get('Location')).toBe(
      '/site/signin/?next=/site/private/',
    );
  });
});
