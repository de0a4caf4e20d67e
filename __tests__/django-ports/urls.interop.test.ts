/**
 * reverse() against real Django 5.2: the same URLconf (path() with every converter and a
 * registered one, re_path() with named, unnamed and optional groups, namespaces and application
 * namespaces with a current app) reversed with the same seeded-random arguments — non-ASCII,
 * spaces, `/`, `%`, `?`, `#`, `//` at the start, quotes and brackets — gives byte-identical URLs
 * or the same NoReverseMatch message, with the same query strings and fragments. Each URL
 * Django gives is then requested over HTTP on Express 4 and 5, and must reach the view Django's
 * resolve() names with the same arguments. One Python process for the whole batch.
 */
import fc from 'fast-check';
import request from 'supertest';
import {
  JsonResponse,
  include,
  path,
  rePath,
  registerConverter,
  reverse,
  urlpatterns,
  type ReverseOptions,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';
import { describeWithDjango52, runDjango52 } from '../helpers/django52.js';

declare module '../../lib/index.js' {
  interface UrlConverterTypes {
    yyyy: number;
  }
}

const DJANGO_SCRIPT = String.raw`
import json, sys, types, uuid
from urllib.parse import unquote, urlsplit
from django.urls import path, re_path, include, reverse, resolve, register_converter, NoReverseMatch, Resolver404

class FourDigitYear:
    regex = "[0-9]{4}"
    def to_python(self, value): return int(value)
    def to_url(self, value): return "%04d" % value

register_converter(FourDigitYear, "yyyy")

def v(request, *args, **kwargs): pass

inner = [
    path("leaf/<int:n>/", v, name="leaf"),
    re_path(r"^r/(?P<w>[^/]+)/$", v, name="rleaf"),
    path("", v, name="index"),
]
mod = types.ModuleType("urlconf_interop")
mod.urlpatterns = [
    path("str/<str:s>/", v, name="str"),
    path("path/<path:p>", v, name="path"),
    path("slug/<slug:s>/", v, name="slug"),
    path("int/<int:n>/", v, name="int"),
    path("uuid/<uuid:u>/", v, name="uuid"),
    path("year/<yyyy:y>/", v, name="year"),
    path("<path:p>/end", v, name="lead"),
    path("two/<str:a>/<path:b>/", v, name="two"),
    path("plain <x>/", v, name="plain"),
    path("q/", v, name="q"),
    re_path(r"^re/(?P<x>[^/]+)/(?:opt/(?P<y>[0-9]+)/)?$", v, name="re-opt"),
    re_path(r"^pos/([0-9]+)/([a-z]+)/$", v, name="pos"),
    re_path(r"^any/(.+)$", v, name="re-any"),
    path("ns1/<str:outer>/", include((inner, "app"), namespace="inst1")),
    path("ns2/", include((inner, "app"), namespace="inst2")),
]
sys.modules["urlconf_interop"] = mod

def plain(value):
    return str(value) if isinstance(value, uuid.UUID) else value

out = []
for case in json.load(sys.stdin):
    try:
        url = reverse(case["name"], args=case.get("args"), kwargs=case.get("kwargs"),
                      current_app=case.get("currentApp"), query=case.get("query"), fragment=case.get("fragment"))
    except NoReverseMatch as e:
        out.append({"error": str(e)})
        continue
    try:
        m = resolve(unquote(urlsplit(url).path))
        resolved = {"viewName": m.view_name, "args": [plain(a) for a in m.args],
                    "kwargs": {k: plain(x) for k, x in m.kwargs.items()}}
    except Resolver404:
        resolved = None
    out.append({"url": url, "resolved": resolved})
print(json.dumps(out))
`;

interface Case {
  name: string;
  args?: unknown[];
  kwargs?: Record<string, unknown>;
  query?: Record<string, string | string[]>;
  fragment?: string;
  currentApp?: string;
}
interface Resolved {
  viewName: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
}
type Outcome = { url: string; resolved: Resolved | null } | { error: string };

registerConverter(
  {
    regex: '[0-9]{4}',
    toPython: (value: string) => Number(value),
    toUrl: (value: number) => String(value).padStart(4, '0'),
  },
  'yyyy',
);

function echo(req: { resolverMatch?: { viewName: string; args: unknown[]; kwargs: Record<string, unknown> } }) {
  const match = req.resolverMatch!;
  return new JsonResponse({ viewName: match.viewName, args: match.args, kwargs: match.kwargs });
}
const v = (req: Parameters<typeof echo>[0]) => echo(req);
const inner = [
  path('leaf/<int:n>/', v, { name: 'leaf' }),
  rePath(String.raw`^r/(?P<w>[^/]+)/$`, v, { name: 'rleaf' }),
  path('', v, { name: 'index' }),
];
const urls = urlpatterns([
  path('str/<str:s>/', v, { name: 'str' }),
  path('path/<path:p>', v, { name: 'path' }),
  path('slug/<slug:s>/', v, { name: 'slug' }),
  path('int/<int:n>/', v, { name: 'int' }),
  path('uuid/<uuid:u>/', v, { name: 'uuid' }),
  path('year/<yyyy:y>/', v, { name: 'year' }),
  path('<path:p>/end', v, { name: 'lead' }),
  path('two/<str:a>/<path:b>/', v, { name: 'two' }),
  path('plain <x>/', v, { name: 'plain' }),
  path('q/', v, { name: 'q' }),
  rePath(String.raw`^re/(?P<x>[^/]+)/(?:opt/(?P<y>[0-9]+)/)?$`, v, { name: 're-opt' }),
  rePath(String.raw`^pos/([0-9]+)/([a-z]+)/$`, v, { name: 'pos' }),
  rePath(/^any\/(.+)$/, v, { name: 're-any' }),
  path('ns1/<str:outer>/', include([inner, 'app'], { namespace: 'inst1' })),
  path('ns2/', include([inner, 'app'], { namespace: 'inst2' })),
]);

// Characters that URLs treat specially, and text that is not ASCII.
const piece = fc.constantFrom(
  ...'abcXYZ019-_.~ /%?#:@!$&\'()*+,;=[]\\"<>^`{|}\t\néü中😀ß',
  '//',
  '%2F',
  '%25',
  '%E9',
  ' ',
);
const text = fc.array(piece, { minLength: 0, maxLength: 8 }).map((parts) => parts.join(''));
const maybeSlashed = fc.oneof(
  text,
  text.map((t) => `//${t}`),
  text.map((t) => `/${t}`),
);
const digits = fc.oneof(fc.nat({ max: 99999 }), fc.nat({ max: 99999 }).map(String), text);
const uuidLike = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  text,
);
const query = fc.option(
  fc.dictionary(
    text.filter((k) => k !== ''),
    fc.oneof(text, fc.array(text, { maxLength: 3 })),
  ),
  {
    nil: undefined,
  },
);
const fragment = fc.option(text, { nil: undefined });

const positional: Record<string, fc.Arbitrary<unknown[]>> = {
  str: fc.tuple(maybeSlashed),
  path: fc.tuple(maybeSlashed),
  slug: fc.tuple(fc.oneof(text, fc.stringMatching(/^[-a-zA-Z0-9_]{1,8}$/))),
  int: fc.tuple(digits),
  uuid: fc.tuple(uuidLike),
  year: fc.tuple(fc.nat({ max: 20000 })),
  lead: fc.tuple(maybeSlashed),
  two: fc.tuple(maybeSlashed, maybeSlashed),
  plain: fc.tuple(text),
  q: fc.constant([]),
  're-opt': fc.oneof(fc.tuple(text), fc.tuple(text, digits)),
  pos: fc.tuple(digits, fc.oneof(text, fc.stringMatching(/^[a-z]{1,6}$/))),
  're-any': fc.tuple(maybeSlashed),
};
const byName: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  str: fc.record({ s: maybeSlashed }),
  two: fc.record({ a: maybeSlashed, b: maybeSlashed }),
  're-opt': fc.oneof(fc.record({ x: text }), fc.record({ x: text, y: digits })),
  int: fc.record({ n: digits }),
};
const namespaced = fc.record({
  name: fc.constantFrom(
    'inst1:leaf',
    'inst2:leaf',
    'app:leaf',
    'inst1:rleaf',
    'app:rleaf',
    'app:index',
    'inst2:index',
    'nope:leaf',
  ),
  currentApp: fc.option(fc.constantFrom('inst1', 'inst2', 'other'), { nil: undefined }),
});

function cases(): Case[] {
  const all: Case[] = [];
  for (const [name, args] of Object.entries(positional)) {
    for (const [a, q, f] of fc.sample(fc.tuple(args, query, fragment), { seed: 52, numRuns: 60 })) {
      all.push({ name, args: a, ...(q ? { query: q } : {}), ...(f !== undefined ? { fragment: f } : {}) });
    }
  }
  for (const [name, kwargs] of Object.entries(byName)) {
    for (const k of fc.sample(kwargs, { seed: 53, numRuns: 40 })) all.push({ name, kwargs: k });
  }
  for (const [ns, n, w] of fc.sample(fc.tuple(namespaced, digits, text), { seed: 54, numRuns: 150 })) {
    const needsOuter = ns.name.startsWith('inst1') || (ns.name.startsWith('app') && ns.currentApp === 'inst1');
    const kwargs: Record<string, unknown> = ns.name.endsWith('rleaf') ? { w } : ns.name.endsWith('index') ? {} : { n };
    if (needsOuter) kwargs.outer = w;
    all.push({ name: ns.name, kwargs, ...(ns.currentApp ? { currentApp: ns.currentApp } : {}) });
  }
  return all;
}

function ours(c: Case): { url: string } | { error: string } {
  const options: ReverseOptions = { urlconf: urls };
  if (c.args) options.args = c.args;
  if (c.kwargs) options.kwargs = c.kwargs;
  if (c.query) options.query = c.query;
  if (c.fragment !== undefined) options.fragment = c.fragment;
  if (c.currentApp) options.currentApp = c.currentApp;
  try {
    return { url: reverse(c.name, options) };
  } catch (err) {
    if ((err as Error).name !== 'NoReverseMatch') throw err;
    return { error: (err as Error).message };
  }
}

describeWithDjango52('reverse() against Django 5.2')('reverse() against Django 5.2', () => {
  const batch = cases();
  let django: Outcome[];

  beforeAll(() => {
    django = runDjango52<Outcome[]>(DJANGO_SCRIPT, batch, { settings: { ROOT_URLCONF: 'urlconf_interop' } });
  }, 60_000);

  it('generates a batch where both URLs and NoReverseMatch occur for every pattern name', () => {
    expect(batch.length).toBeGreaterThan(1000);
    const names = new Set(batch.map((c) => c.name));
    names.delete('nope:leaf');
    for (const name of names) {
      const outcomes = batch.map((c, i) => [c, django[i]] as const).filter(([c]) => c.name === name);
      expect({ name, reversed: outcomes.some(([, o]) => 'url' in (o as Outcome)) }).toEqual({ name, reversed: true });
    }
    expect(django.some((o) => 'error' in o)).toBe(true);
    expect(django.some((o) => 'url' in o && o.url.startsWith('/%2F'))).toBe(true);
  });

  it('gives byte-identical URLs and NoReverseMatch messages', () => {
    const differences = batch
      .map((c, i) => {
        const theirs = django[i] as Outcome;
        const expected = 'url' in theirs ? { url: theirs.url } : theirs;
        return { case: c, expected, actual: ours(c) };
      })
      .filter((d) => JSON.stringify(d.expected) !== JSON.stringify(d.actual));
    expect(differences.slice(0, 5)).toEqual([]);
  });

  describe.each(expressVersions)('%s', (_label, createApp) => {
    const app = createApp();
    app.use(urls);

    it("reaches, over HTTP, the view Django's resolve() names with the same arguments", async () => {
      const reachable = batch
        .map((c, i) => [c, django[i] as Outcome] as const)
        .filter((pair): pair is readonly [Case, { url: string; resolved: Resolved | null }] => 'url' in pair[1]);
      let requests = 0;
      for (const [, outcome] of reachable) {
        const pathOnly = outcome.url.split(/[?#]/)[0] as string;
        const response = await request(app).get(pathOnly);
        requests++;
        if (outcome.resolved === null) {
          expect({ url: pathOnly, status: response.status }).toEqual({ url: pathOnly, status: 404 });
        } else {
          expect({ url: pathOnly, body: response.body as unknown }).toEqual({
            url: pathOnly,
            body: {
              viewName: outcome.resolved.viewName,
              args: outcome.resolved.args,
              kwargs: outcome.resolved.kwargs,
            },
          });
        }
      }
      expect(requests).toBeGreaterThan(300);
    }, 120_000);
  });
});
