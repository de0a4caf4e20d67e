/**
 * `parseHtml`, what `toContainText(..., { html: true })`, `toContainHTML` and `toEqualHTML`
 * compare (a port of django/test/html.py over parse5's tokenizer): checked case by case
 * against real Django 5.2 (`parse_html(...).count(...)`, the errors, the printed form), named
 * character references beyond the common ones, and a large page, which is parsed in one pass.
 */
import { HtmlParseError, parseHtml } from '../../lib/testing/index.js';
import { describeWithDjango52, runDjango52 } from '../helpers/django52.js';

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
  // Boolean attributes as Django 5.2 normalises them; other bare attributes are empty strings.
  ['<input disabled="disabled">', '<input disabled>'],
  ['<input disabled="">', '<input disabled>'],
  ['<input disabled="no">', '<input disabled>'],
  ['<a href>x</a>', '<a href="">x</a>'],
  ['<a title="title">x</a>', '<a title>x</a>'],
  ['<script defer>x</script>', '<script defer="">x</script>'],
  // Named references HTML defines beyond the common few, with and without the semicolon.
  ['<p>&hearts; &frac12; &Aring;ngstr&ouml;m &rarr; &NotEqualTilde; &fjlig;</p>', '<p>♥ ½ Ångström → ≂̸ fj</p>'],
  ['<p>&copy 2026 &amp co &notit;</p>', '<p>© 2026 &amp; co ¬it;</p>'],
  ['<p title="&eacute;t&eacute; &lsquo;x&rsquo;">x</p>', '<p title="été ‘x’">x</p>'],
  ['<p>&#x1F600; &#128; &#0; &unknown;</p>', '<p>😀 € \ufffd &amp;unknown;</p>'],
  ['<p>a&nbsp;b</p>', '<p>a\u00a0b</p>'],
  // Raw text in script and style; a tag inside title is a tag, as html.parser reads it.
  ['<style>p > a { color: red }</style>', '<style>p > a { color: red }</style>'],
  ['<script>document.write("</p>")</script>', '<script>document.write("</p>")</script>'],
  ['<title>a <b>b</b></title>', '<b>b</b>'],
  ['<div/><p>x</p>', '<div></div><p>x</p>'],
  ['<table><tr><td>x</td></tr></table>', '<tr><td>x</td></tr>'],
  ['<p>a</p>\r\n<p>b</p>', '<p>a</p><p>b</p>'],
];

const UNPARSABLE = ['<p>x</b>', '</p>', '<div>\n  </span>'];

const SCRIPT = String.raw`
import json, sys
from django.test.html import parse_html, HTMLParseError
out = []
for haystack, needle in json.loads(sys.stdin.read()):
    try:
        out.append({"count": parse_html(haystack).count(parse_html(needle)), "printed": str(parse_html(haystack))})
    except HTMLParseError as e:
        out.append({"error": e.args[0]})
print(json.dumps(out))
`;

interface Outcome {
  count?: number;
  printed?: string;
  error?: string;
}

function ours(haystack: string, needle: string): Outcome {
  try {
    return { count: parseHtml(haystack).count(parseHtml(needle)), printed: String(parseHtml(haystack)) };
  } catch (err) {
    if (err instanceof HtmlParseError) return { error: err.message };
    throw err;
  }
}

describeWithDjango52('Django 5.2 html cross-check')('parseHtml against Django 5.2', () => {
  const cases = [...CASES, ...UNPARSABLE.map((html): [string, string] => [html, '<p>x</p>'])];
  let django: Outcome[] = [];
  // In beforeAll, so a skipped suite (no Django) never spawns Python.
  beforeAll(() => {
    django = runDjango52<Outcome[]>(SCRIPT, cases);
  });

  it('Django ran', () => {
    expect(django).toHaveLength(cases.length);
  });

  it.each(cases.map((pair, index) => [...pair, index] as const))(
    '%j contains %j as many times as Django counts, and prints as Django prints it',
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

describe('parseHtml on named character references', () => {
  it.each([
    ['&hearts;', '\u2665'],
    ['&Aring;', '\u00c5'],
    ['&frac12;', '\u00bd'],
    ['&NotEqualTilde;', '\u2242\u0338'],
    ['&CounterClockwiseContourIntegral;', '\u2233'],
    ['&zwnj;', '\u200c'],
    ['&DoubleLongLeftRightArrow;', '\u27fa'],
    ['&copy', '\u00a9'],
  ])('decodes %s', (reference, character) => {
    expect(parseHtml(`<p>${reference}</p>`).equals(parseHtml(`<p>${character}</p>`))).toBe(true);
    expect(parseHtml(`<p title="${reference}">x</p>`).attributes).toEqual([['title', character]]);
  });
});

describe('parseHtml on a large page', () => {
  const ROWS = 10_000;
  const page = [
    '<!DOCTYPE html><html><head><title>Orders</title><style>td { padding: 0 }</style></head><body><table>',
    ...Array.from(
      { length: ROWS },
      (_, i) =>
        `<tr class="row ${i % 2 ? 'odd' : 'even'}" id="r${i}"><td>${i}</td><td>Caf&eacute; &amp; co &#8470;${i}</td></tr>\n`,
    ),
    '</table><script>if (a < b && c) {}</script></body></html>',
  ].join('');

  const tree = parseHtml(page);

  it('finds every row, each once, with its references decoded', () => {
    expect(tree.count(parseHtml('<td>Café &amp; co №9999</td>'))).toBe(1);
    expect(tree.count(parseHtml(`<tr id="r2345" class="odd row"><td>2345</td><td>Café & co №2345</td></tr>`))).toBe(1);
    expect(tree.count(parseHtml('<td>0</td>'))).toBe(1);
    expect(tree.count('Café & co')).toBe(ROWS);
    expect(tree.count(parseHtml('<td>10000</td>'))).toBe(0);
  });

  it('equals itself written another way', () => {
    const rewritten = page
      .replace(/class="row (odd|even)" id="(r\d+)"/g, "id='$2' class='$1  row'")
      .replace(/\n/g, '\n\n  ');
    expect(tree.equals(parseHtml(rewritten))).toBe(true);
    expect(tree.equals(parseHtml(rewritten.replace('<td>777</td>', '<td>778</td>')))).toBe(false);
  });
});

describe('parseHtml on a page of many scripts', () => {
  // Each <script> is raw text up to its end tag: one pass over the page, however many there are.
  const SCRIPTS = 4000;
  const page = `<div>${Array.from({ length: SCRIPTS }, (_, i) => `<p>${i}</p><script>var a${i} = 1 < 2;</script>\n`).join('')}</div>`;

  it('keeps every script as raw text and finds each paragraph', () => {
    const tree = parseHtml(page);
    expect(tree.count(parseHtml('<script>var a3999 = 1 < 2;</script>'))).toBe(1);
    expect(tree.count(parseHtml('<p>3999</p>'))).toBe(1);
    expect(tree.count('1 < 2')).toBe(SCRIPTS);
  });
});
