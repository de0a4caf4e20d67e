/**
 * reverse()'s and include()'s arguments checked as Django 5.2 checks them: reverse(null) finds
 * nothing, a fragment is a string, an empty query string adds nothing; include() of a module
 * with no urlpatterns (imported in a cycle) and of a 3-tuple with a namespace say what is wrong.
 */
import { HttpResponse, ImproperlyConfigured, NoReverseMatch, include, path, reverse } from '../../lib/index.js';

const urls = [path('a/', () => new HttpResponse('a'), { name: 'a' })];

describe('reverse() arguments', () => {
  it('reverses null or undefined to nothing: NoReverseMatch, as reverse(None)', () => {
    expect(() => reverse(null as never, { urlconf: urls })).toThrow(NoReverseMatch);
    expect(() => reverse(undefined as never, { urlconf: urls })).toThrow(
      "Reverse for 'undefined' not found. 'undefined' is not a valid view function or pattern name.",
    );
  });

  it('takes a string fragment, and adds no query for an empty query string', () => {
    expect(() => reverse('a', { urlconf: urls, fragment: 0 as never })).toThrow(
      "reverse()'s fragment is a string (got 0).",
    );
    expect(reverse('a', { urlconf: urls, query: '' as never })).toBe('/a/');
    expect(() => reverse('a', { urlconf: urls, query: 'x=1' as never })).toThrow(TypeError);
  });
});

describe('include() arguments', () => {
  it('says a URLconf without urlpatterns may come from a circular import', () => {
    const cyclic: { urlpatterns?: typeof urls } = {};
    expect(() => include(cyclic as never)).toThrow(ImproperlyConfigured);
    expect(() => include(undefined as never)).toThrow(
      "does not appear to have any patterns in it. If you see the 'urlpatterns' export with valid patterns in the module then the issue is probably caused by a circular import.",
    );
  });

  it('includes a module object with urlpatterns and appName', () => {
    expect(include({ urlpatterns: urls, appName: 'app' })).toEqual({
      urlpatterns: urls,
      appName: 'app',
      namespace: 'app',
    });
  });

  it('refuses a namespace beside a tuple that is not [patterns, appName]', () => {
    expect(() => include([urls, 'app', 'ns'] as never, { namespace: 'ns' })).toThrow(
      'Cannot override the namespace for a dynamic module that provides a namespace.',
    );
  });
});
