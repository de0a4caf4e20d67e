/**
 * What resolve() reports about the patterns, as Django's reprs: a Resolver404's patterns tried
 * (the pattern objects, as Django's `tried`), `ResolverMatch`'s and the patterns' `String()`,
 * and a class-based view named by its class.
 */
import {
  HttpResponse,
  Resolver404,
  URLPattern,
  URLResolver,
  View,
  include,
  path,
  rePath,
  resolve,
} from '../../lib/index.js';

const home = () => new HttpResponse('home');
class ArticleView extends View {
  override get() {
    return new HttpResponse('article');
  }
}
const urlconf = [
  path('', home, { name: 'home' }),
  path('articles/', include([rePath('^(?P<slug>[a-z]+)/$', ArticleView.asView())])),
  path('extra/', home, { name: 'extra', kwargs: { extra: true } }),
];

function resolver404(path: string): Resolver404 {
  try {
    resolve(path, { urlconf });
  } catch (err) {
    if (err instanceof Resolver404) return err;
    throw err;
  }
  throw new Error(`${path} resolved`);
}

describe('Resolver404 detail.tried', () => {
  it('holds the patterns tried, each as the chain from the URLconf down, with their names', () => {
    const { tried } = resolver404('/articles/42/').detail;
    expect(tried!.map((chain) => chain.map((p) => p.constructor))).toEqual([
      [URLPattern],
      [URLResolver, URLPattern],
      [URLPattern],
    ]);
    expect((tried![0]![0] as URLPattern).name).toBe('home');
    expect(tried!.map((chain) => chain.map(String))).toEqual([
      ["<URLPattern '' [name='home']>"],
      ["<URLResolver <URLPattern list> (None:None) 'articles/'>", "<URLPattern '^(?P<slug>[a-z]+)/$'>"],
      ["<URLPattern 'extra/' [name='extra']>"],
    ]);
  });

  it('names an include of nothing [] and one of includes <URLResolver list>', () => {
    const empty = new URLResolver(path('a/', include([])).pattern, [], { appName: 'app', namespace: 'ns' });
    expect(String(empty)).toBe("<URLResolver [] (app:ns) 'a/'>");
    expect(String(path('b/', include([path('c/', include([]))])))).toBe(
      "<URLResolver <URLResolver list> (None:None) 'b/'>",
    );
  });
});

describe('ResolverMatch', () => {
  it("String() is Django's repr, with the captured and extra keyword arguments when there are extra ones", () => {
    expect(String(resolve('/', { urlconf }))).toBe(
      "ResolverMatch(func=home, args=(), kwargs={}, url_name='home', app_names=[], namespaces=[], route='')",
    );
    expect(String(resolve('/extra/', { urlconf }))).toBe(
      "ResolverMatch(func=home, args=(), kwargs={'extra': True}, url_name='extra', app_names=[], namespaces=[], route='extra/', extra_kwargs={'extra': True})",
    );
  });

  it('names a class-based view mounted with asView() by its class', () => {
    const match = resolve('/articles/news/', { urlconf });
    expect(match.viewName).toBe('ArticleView');
    expect(String(match)).toBe(
      "ResolverMatch(func=ArticleView, args=(), kwargs={'slug': 'news'}, url_name=None, app_names=[], namespaces=[], route='articles/(?P<slug>[a-z]+)/$', captured_kwargs={'slug': 'news'})",
    );
  });
});
