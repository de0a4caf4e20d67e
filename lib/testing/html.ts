/**
 * HTML compared as Django's `assertContains(..., html=True)` and `assertHTMLEqual` compare it
 * (a port of `django/test/html.py`): attribute order, quoting, class order, `checked` vs
 * `checked="checked"` and runs of whitespace don't matter; elements and text do.
 *
 * The markup is read by parse5's tokenizer (the WHATWG tokenizer: every named character
 * reference, in linear time). The tree is built as Django builds it over Python's
 * `html.parser`, not as a browser builds a DOM: nothing is added (`<html>`, `<body>`,
 * `<tbody>`) or moved, an end tag closes the innermost open element it names, and only
 * `<script>` and `<style>` hold raw text.
 */
import type { TokenHandler } from 'parse5' with { 'resolution-mode': 'import' };
import { parse5 } from './load-parse5.js';

/** ASCII whitespace (https://infra.spec.whatwg.org/#ascii-whitespace). */
const ASCII_WHITESPACE = /[\t\n\f\r ]+/g;

// Django's VOID_ELEMENTS (django/utils/html.py): https://html.spec.whatwg.org/#void-elements
// plus the obsolete frame and spacer.
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'frame',
  'spacer',
]);

// Django's BOOLEAN_ATTRIBUTES (https://html.spec.whatwg.org/#attributes-3), "defer " spelt
// with Django's trailing space, so that defer compares as any other attribute there.
const BOOLEAN_ATTRIBUTES = new Set([
  'allowfullscreen',
  'async',
  'autofocus',
  'autoplay',
  'checked',
  'controls',
  'default',
  'defer ',
  'disabled',
  'formnovalidate',
  'hidden',
  'ismap',
  'itemscope',
  'loop',
  'multiple',
  'muted',
  'nomodule',
  'novalidate',
  'open',
  'playsinline',
  'readonly',
  'required',
  'reversed',
  'selected',
  'truespeed',
]);

// The characters of Python's str.isspace() and str.strip(), which differ from JavaScript's
// trim() (\x1c-\x1f and \x85 yes, \ufeff no).
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_ONLY_SPACE = new RegExp(`^[${PY_SPACE}]+$`);
const PY_LEADING_SPACE = new RegExp(`^[${PY_SPACE}]+`);
const PY_TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`);

function normalizeWhitespace(text: string): string {
  return text.replace(ASCII_WHITESPACE, ' ');
}

function rstrip(text: string): string {
  return text.replace(PY_TRAILING_SPACE, '');
}

function strip(text: string): string {
  return rstrip(text).replace(PY_LEADING_SPACE, '');
}

/** Python's `html.escape(text)`, as Django's `Element.__str__` writes text. */
function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}

/** An attribute: name and value; `null` for a boolean attribute (`<input checked>`). */
export type HtmlAttribute = [name: string, value: string | null];

/**
 * Django's `normalize_attributes`: class names sorted; a boolean attribute's value `null` when
 * empty or its own name (`checked`, `checked=""` and `checked="checked"` are one).
 */
function normalizeAttributes(attributes: ReadonlyArray<{ name: string; value: string }>): HtmlAttribute[] {
  return attributes.map(({ name, value }): HtmlAttribute => {
    let normalized = value;
    if (name === 'class' && value) {
      normalized = value.split(ASCII_WHITESPACE).filter(Boolean).sort().join(' ');
    }
    if (BOOLEAN_ATTRIBUTES.has(name) && (normalized === '' || normalized === name)) return [name, null];
    return [name, normalized];
  });
}

/** Python's ordering of `(name, value)` tuples, `null` (None) first where names tie. */
function compareAttributes([a, av]: HtmlAttribute, [b, bv]: HtmlAttribute): number {
  if (a !== b) return a < b ? -1 : 1;
  if (av === bv) return 0;
  if (av === null) return -1;
  if (bv === null) return 1;
  return av < bv ? -1 : 1;
}

/** A node of a parsed document: an element or a run of text. */
export type HtmlNode = HtmlElement | string;

/** An element of a parsed document (Django's `Element`). */
export class HtmlElement {
  /** The tag name, lower case; `null` for the root of a fragment. */
  readonly name: string | null;
  /** The attributes, sorted by name (then value). */
  readonly attributes: HtmlAttribute[];
  /** The child elements and text. */
  children: HtmlNode[] = [];

  /**
   * @param name - the tag name, `null` for a root.
   * @param attributes - the attributes, normalised, in any order.
   */
  constructor(name: string | null, attributes: HtmlAttribute[]) {
    this.name = name;
    this.attributes = [...attributes].sort(compareAttributes);
  }

  /** Add a child, merging adjacent text and dropping whitespace-only text before an element. */
  append(node: HtmlNode): void {
    const last = this.children.at(-1);
    if (typeof node === 'string') {
      node = normalizeWhitespace(node);
      if (typeof last === 'string') {
        this.children[this.children.length - 1] = normalizeWhitespace(last + node);
        return;
      }
    } else if (typeof last === 'string' && PY_ONLY_SPACE.test(last)) {
      this.children.pop();
    }
    if (node) this.children.push(node);
  }

  /** Strip the text at the edges of every element, as Django's `finalize()`. */
  finalize(): void {
    while (typeof this.children.at(-1) === 'string') {
      const last = rstrip(this.children.at(-1) as string);
      if (last) {
        this.children[this.children.length - 1] = last;
        break;
      }
      this.children.pop();
    }
    this.children = this.children.map((child) => {
      if (typeof child === 'string') return strip(child);
      child.finalize();
      return child;
    });
  }

  /** Whether `other` is the same element: name, attributes and children. */
  equals(other: HtmlNode): boolean {
    if (typeof other === 'string' || this.name !== other.name) return false;
    if (this.attributes.length !== other.attributes.length) return false;
    const sameAttributes = this.attributes.every(([name, value], index) => {
      const [otherName, otherValue] = other.attributes[index] as HtmlAttribute;
      return name === otherName && value === otherValue;
    });
    return sameAttributes && sameChildren(this.children, other.children);
  }

  /** How many times `needle` occurs in this tree (Django's `Element.count`). */
  count(needle: HtmlNode): number {
    if (typeof needle !== 'string' && this.equals(needle)) return 1;
    if (needle instanceof HtmlRoot && sameChildren(this.children, needle.children)) return 1;
    let found = 0;
    let matched = 0;
    for (const child of this.children) {
      if (typeof child === 'string') {
        if (typeof needle === 'string') found += countSubstring(child, needle);
        continue;
      }
      // The needle wholly within this child ...
      found += child.count(needle);
      // ... or a fragment's children in sequence among this element's: '<a/><b/>' in '<a/><b/><c/>'.
      if (needle instanceof HtmlRoot && needle.children.length > 0) {
        const wanted = needle.children[matched] as HtmlNode;
        if (typeof wanted !== 'string' && wanted.equals(child)) {
          matched += 1;
          if (matched === needle.children.length) {
            found += 1;
            matched = 0;
          }
        } else {
          matched = 0;
        }
      }
    }
    return found;
  }

  /** The element as HTML, in Django's normalised form (one line per child). */
  toString(): string {
    let output = `<${this.name}`;
    for (const [name, value] of this.attributes) output += value === null ? ` ${name}` : ` ${name}="${value}"`;
    if (this.children.length === 0) return `${output}>`;
    return `${output}>\n${this.children.map(childText).join('')}\n</${this.name}>`;
  }
}

function childText(child: HtmlNode): string {
  return typeof child === 'string' ? escapeText(child) : String(child);
}

/** The root of a fragment with several top-level nodes (Django's `RootElement`). */
export class HtmlRoot extends HtmlElement {
  /** A root without attributes. */
  constructor() {
    super(null, []);
  }

  override toString(): string {
    return this.children.map(childText).join('');
  }
}

function sameChildren(a: readonly HtmlNode[], b: readonly HtmlNode[]): boolean {
  return (
    a.length === b.length &&
    a.every((child, index) => {
      const other = b[index] as HtmlNode;
      return typeof child === 'string' ? child === other : child.equals(other);
    })
  );
}

/** Python's `str.count`: non-overlapping occurrences; an empty needle occurs `len + 1` times. */
export function countSubstring(haystack: string, needle: string): number {
  if (needle === '') return haystack.length + 1;
  return haystack.split(needle).length - 1;
}

/** The HTML could not be parsed: an end tag that closes nothing. */
export class HtmlParseError extends Error {
  /** `'HtmlParseError'`. */
  override name = 'HtmlParseError';
}

/**
 * Parse `html` into a tree to compare or search (Django's `parse_html`). A fragment with one
 * top-level element gives that element; otherwise an {@link HtmlRoot}.
 *
 * @throws HtmlParseError for an end tag that closes no open element (Django's message, with
 *   its line and 0-based column).
 */
export function parseHtml(html: string): HtmlElement {
  const { Tokenizer, TokenizerMode } = parse5();
  const root = new HtmlRoot();
  const open: HtmlElement[] = [];
  const current = (): HtmlElement => open.at(-1) ?? root;
  // Text is gathered until the next tag, so each run is appended (and normalised) once, as
  // html.parser hands Django one run: appending token by token would copy the run each time.
  let text = '';
  const flush = (): void => {
    if (text !== '') current().append(text);
    text = '';
  };
  const onText: TokenHandler['onCharacter'] = (token) => {
    text += token.chars;
  };
  const ignore = (): void => {};
  const handler: TokenHandler = {
    onCharacter: onText,
    onWhitespaceCharacter: onText,
    onNullCharacter: onText,
    onComment: ignore,
    onDoctype: ignore,
    onEof: ignore,
    onStartTag(token) {
      flush();
      const element = new HtmlElement(token.tagName, normalizeAttributes(token.attrs));
      current().append(element);
      // Django's handle_startendtag: `<div/>` opens and closes at once.
      if (VOID_ELEMENTS.has(token.tagName) || token.selfClosing) return;
      open.push(element);
      // html.parser's CDATA_CONTENT_ELEMENTS: raw text up to the end tag, references undecoded.
      if (token.tagName === 'script') tokenizer.state = TokenizerMode.SCRIPT_DATA;
      else if (token.tagName === 'style') tokenizer.state = TokenizerMode.RAWTEXT;
    },
    onEndTag(token) {
      flush();
      const at = open.map((element) => element.name).lastIndexOf(token.tagName);
      if (at === -1) {
        const where = token.location ? `Line ${token.location.startLine}, Column ${token.location.startCol - 1}` : '';
        throw new HtmlParseError(`Unexpected end tag \`${token.tagName}\` (${where})`);
      }
      open.length = at;
    },
  };
  const tokenizer = new Tokenizer({ sourceCodeLocationInfo: true }, handler);
  tokenizer.write(html, true);
  flush();

  root.finalize();
  const [only] = root.children;
  return root.children.length === 1 && typeof only !== 'string' ? (only as HtmlElement) : root;
}
