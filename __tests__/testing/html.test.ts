/**
 * `toContainText(..., { html: true })` counts as Django's `assertContains(html=True)`:
 * the HTML comparison (a port of django/test/html.py) checked case by case against real
 * Django (Debian's python3-django 3.2, run with /usr/bin/python3), and the cases Django's own
 * tests make of it. Skipped, saying so, where Django is not installed (CI installs it).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { HtmlParseError, parseHtml } from '../../lib/testing/index.js';
import { describeWithDjango, PYTHON } from '../helpers/django.js';

// [haystack, needle]: attribute order and quoting, class order, bare attributes, whitespace,
// void and self-closed elements, sequences of siblings, text, entities, comments, nesting.
const CASES: Array<[string, string]> = [
  ['<p>Hello</p>', '<p>Hello</p>'],
  ['<ul><li>Tea</li><li>Tea</li></ul>', '<li>Tea</li>'],
  ['<a href="/x" id="y">x</a>', "<a id='y' href=/x>x</a>"],
  ['<p class="b  a">x</p>', '<p class="a b">x</p>'],
  ['<input type="checkbox" checked>', '<input checked="checked" type="checkbox">'],
  ['<input type="checkbox" checked>', '<input checked="" type="checkbox">'],
  ['<p>  Hello\n   world  </p>', '<p>Hello world</p>'],
  ['<div><p>a</p>\n<p>b</p></div>', '<p>a</p><p>b</p>'],
  ['<div><p>a</p><p>b</p><p>c</p><p>a</p><p>b</p></div>', '<p>a</p><p>b</p>'],
  ['<div><br><br/><hr></div>', '<br>'],
  ['<p>Hello</p>', 'Hello'],
  ['<div><p>Hello</p> world</div>', 'world'],
  ['<p>Fish &amp; chips</p>', '<p>Fish &amp; chips</p>'],
  ['<p>Fish &amp; chips</p>', '<p>Fish &#38; chips</p>'],
  ['<p><!-- note -->x</p>', '<p>x</p>'],
  ['<div><span>a</span> <span>b</span></div>', '<span>b</span>'],
  ['<div><div><p>x</p></div><p>x</p></div>', '<p>x</p>'],
  ['<p>x</p>', '<p>y</p>'],
  ['<p title="a">x</p>', '<p>x</p>'],
  ['<script>if (a < b) {}</script><p>x</p>', '<p>x</p>'],
  ['<DIV CLASS="x">y</DIV>', '<div class="x">y</div>'],
  ['<p>a<b>b</b>c</p>', '<b>b</b>'],
  ['<div><p>a</p></div>', '<div><p>a</p></div>'],
  ['<p>x', '<p>x</p>'],
];

const UNPARSABLE = ['<p>x</b>', '</p>', '<div>\n  </span>'];

const SCRIPT = String.raw`
import json, sys
from django.test.html import parse_html, HTMLParseError
out = []
for haystack, needle in json.loads(sys.stdin.read()):
    try:
        out.append({"count": parse_html(haystack).count(parse_html(needle))})
    except HTMLParseError as e:
        out.append({"error": e.args[0]})
print(json.dumps(out))
`;

function ours(haystack: string, needle: string): { count?: number; error?: string } {
  try {
    return { count: parseHtml(haystack).count(parseHtml(needle)) };
  } catch (err) {
    if (err instanceof HtmlParseError) return { error: err.message };
    throw err;
  }
}

describeWithDjango('Django html cross-check')('html: true against real Django', () => {
  const cases = [...CASES, ...UNPARSABLE.map((html): [string, string] => [html, '<p>x</p>'])];
  let result: SpawnSyncReturns<string> | undefined;
  let django: Array<{ count?: number; error?: string }> = [];
  // In beforeAll, so a skipped suite (no Django) never spawns Python.
  beforeAll(() => {
    result = spawnSync(PYTHON, ['-c', SCRIPT], { input: JSON.stringify(cases), encoding: 'utf8' });
    if (result.status === 0) django = JSON.parse(result.stdout) as typeof django;
  });

  it('Django ran', () => {
    expect(result?.stderr ?? '').toBe('');
    expect(django).toHaveLength(cases.length);
  });

  it.each(cases.map((pair, index) => [...pair, index] as const))(
    '%j contains %j as many times as Django counts',
    (haystack, needle, index) => {
      expect(ours(haystack, needle)).toEqual(django[index]);
    },
  );
});

describe('parseHtml', () => {
  it('prints an element in Django normal form', () => {
    expect(String(parseHtml('<p  id=x class="b a">Hi   <br/>there</p>'))).toBe(
      '<p class="a b" id="x">\nHi<br>there\n</p>',
    );
  });
});
