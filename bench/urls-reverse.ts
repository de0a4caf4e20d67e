/**
 * `reverse()` per call: Django's reverse of a named pattern with an argument, through a
 * namespace, and with a query, beside writing the same URL with a template string (what code
 * without named URLs does). Prints calls per second and the ratio to the template string.
 *
 *   npx ts-node --transpile-only bench/urls-reverse.ts
 */
import { include, path, reverse, urlpatterns } from '../lib/index.js';

const view = () => undefined;
const polls = urlpatterns(
  [
    path('', view, { name: 'index' }),
    path('<int:pk>/', view, { name: 'detail' }),
    path('<int:pk>/results/', view, { name: 'results' }),
  ],
  { appName: 'polls' },
);
const urls = urlpatterns([
  ...Array.from({ length: 50 }, (_, i) => path(`page-${i}/<slug:slug>/`, view, { name: `page-${i}` })),
  path('polls/', include(polls)),
  path('articles/<int:year>/<slug:slug>/', view, { name: 'article' }),
]);

function measure(label: string, fn: (i: number) => string, expected: string): number {
  if (fn(7) !== expected) throw new Error(`${label}: got ${fn(7)}, expected ${expected}`);
  const rounds = 5;
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const n = 200_000;
    let sink = 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink += fn(i).length;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (sink === 0) throw new Error('unreachable');
    best = Math.max(best, n / seconds);
  }
  return best;
}

const cases: Array<[string, (i: number) => string, (i: number) => string, string]> = [
  [
    'article (two args)',
    (i) => reverse('article', { args: [2026, `post-${i}`], urlconf: urls }),
    (i) => `/articles/2026/post-${i}/`,
    '/articles/2026/post-7/',
  ],
  [
    'polls:detail (namespace)',
    (i) => reverse('polls:detail', { args: [i], urlconf: urls }),
    (i) => `/polls/${i}/`,
    '/polls/7/',
  ],
  [
    'polls:index with a query',
    (i) => reverse('polls:index', { query: { page: i }, urlconf: urls }),
    (i) => `/polls/?${new URLSearchParams({ page: String(i) }).toString()}`,
    '/polls/?page=7',
  ],
];

console.log('| reverse() | calls/s | template string, calls/s | ratio |');
console.log('|---|---:|---:|---:|');
for (const [label, viaReverse, viaTemplate, expected] of cases) {
  const a = measure(label, viaReverse, expected);
  const b = measure(`${label} (template)`, viaTemplate, expected);
  console.log(
    `| ${label} | ${Math.round(a).toLocaleString('en')} | ${Math.round(b).toLocaleString('en')} | ${(a / b).toFixed(3)} |`,
  );
}
