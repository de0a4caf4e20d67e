/**
 * Paginator beside Django 5.2's own, on generated inputs: counts, page sizes (numbers and
 * strings), orphans, allowEmptyFirstPage, and page numbers of every shape a query string or a
 * caller gives (integers in and out of range, ' 3 ', '+2', '1_0', '٣', '3.0', 'x', '', null, 1.5,
 * true). Each case compares count, numPages, pageRange, and per number: page(n) (number, start
 * and end index, first and last object, neighbours) or the error it raises with its message,
 * getPage(n), and getElidedPageRange(n) with generated onEachSide/onEnds. One Python process
 * answers every case.
 */
import { EmptyPage, PageNotAnInteger, Paginator } from '../../lib/index.js';
import { describeWithDjango52, runDjango52 } from '../helpers/django52.js';

interface Case {
  count: number;
  perPage: number | string;
  orphans: number | string;
  allowEmpty: boolean;
  onEachSide: number;
  onEnds: number;
  numbers: unknown[];
}

type Outcome = Record<string, unknown>;
interface Answer {
  count: number;
  numPages: number;
  pageRange: number[];
  pages: Outcome[];
  getPage: Outcome[];
  elided: Outcome[];
}

/** mulberry32: the same cases on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_NUMBERS: unknown[] = [
  null,
  'x',
  '',
  'last',
  '3.0',
  1.5,
  2.0,
  -0.5,
  true,
  false,
  ' 2 ',
  '\t1\n',
  '+2',
  '-1',
  '0',
  '1_0',
  '1__0',
  '_1',
  '٣',
  '１',
  '2e0',
  '0x1',
  ' ',
  '00',
  '1 1',
];

function generateCases(n: number): Case[] {
  const rand = random(20260507);
  const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
  const cases: Case[] = [];
  for (let i = 0; i < n; i += 1) {
    const count = rand() < 0.15 ? int(0, 2) : int(0, 400);
    const perPageNumber = int(1, 30);
    const orphansNumber = rand() < 0.3 ? 0 : int(0, perPageNumber + 3);
    const numbers: unknown[] = [];
    const pagesGuess = Math.ceil(Math.max(1, count) / perPageNumber) + 2;
    for (let k = 0; k < 6; k += 1) numbers.push(int(-2, pagesGuess));
    for (let k = 0; k < 3; k += 1) numbers.push(ODD_NUMBERS[int(0, ODD_NUMBERS.length - 1)]);
    numbers.push(String(int(0, pagesGuess)));
    cases.push({
      count,
      perPage: rand() < 0.2 ? String(perPageNumber) : perPageNumber,
      orphans: rand() < 0.2 ? String(orphansNumber) : orphansNumber,
      allowEmpty: rand() < 0.7,
      onEachSide: int(0, 4),
      onEnds: int(0, 3),
      numbers,
    });
  }
  return cases;
}

const DJANGO = `
import json, sys
from django.core.paginator import Paginator, InvalidPage

def error(e):
    return {"error": type(e).__name__, "message": str(e)}

def describe_page(page):
    objects = list(page.object_list)
    return {
        "number": page.number, "start": page.start_index(), "end": page.end_index(), "length": len(page),
        "first": objects[0] if objects else None, "last": objects[-1] if objects else None,
        "hasNext": page.has_next(), "hasPrevious": page.has_previous(),
    }

answers = []
for case in json.load(sys.stdin):
    p = Paginator(list(range(case["count"])), case["perPage"], orphans=case["orphans"],
                  allow_empty_first_page=case["allowEmpty"])
    answer = {"count": p.count, "numPages": p.num_pages, "pageRange": list(p.page_range),
              "pages": [], "getPage": [], "elided": []}
    for n in case["numbers"]:
        try:
            answer["pages"].append(describe_page(p.page(n)))
        except InvalidPage as e:
            answer["pages"].append(error(e))
        try:
            answer["getPage"].append({"number": p.get_page(n).number})
        except InvalidPage as e:
            answer["getPage"].append(error(e))
        try:
            answer["elided"].append({"range": list(p.get_elided_page_range(
                n, on_each_side=case["onEachSide"], on_ends=case["onEnds"]))})
        except InvalidPage as e:
            answer["elided"].append(error(e))
    answers.append(answer)
print(json.dumps(answers, ensure_ascii=False, default=str))
`;

function error(err: unknown): Outcome {
  if (err instanceof EmptyPage || err instanceof PageNotAnInteger) return { error: err.name, message: err.message };
  throw err;
}

async function ours(c: Case): Promise<Answer> {
  const p = new Paginator(
    Array.from({ length: c.count }, (_, i) => i),
    c.perPage,
    { orphans: c.orphans, allowEmptyFirstPage: c.allowEmpty },
  );
  const answer: Answer = {
    count: p.count,
    numPages: p.numPages,
    pageRange: p.pageRange,
    pages: [],
    getPage: [],
    elided: [],
  };
  for (const n of c.numbers) {
    try {
      const page = await p.page(n);
      const objects = page.objectList;
      answer.pages.push({
        number: page.number,
        start: page.startIndex(),
        end: page.endIndex(),
        length: page.length,
        first: objects.length ? objects[0] : null,
        last: objects.length ? objects[objects.length - 1] : null,
        hasNext: page.hasNext(),
        hasPrevious: page.hasPrevious(),
      });
    } catch (err) {
      answer.pages.push(error(err));
    }
    try {
      answer.getPage.push({ number: (await p.getPage(n)).number });
    } catch (err) {
      answer.getPage.push(error(err));
    }
    try {
      answer.elided.push({ range: [...p.getElidedPageRange(n, { onEachSide: c.onEachSide, onEnds: c.onEnds })] });
    } catch (err) {
      answer.elided.push(error(err));
    }
  }
  return answer;
}

describeWithDjango52('Paginator against Django 5.2')('Paginator against Django 5.2', () => {
  const cases = generateCases(1500);
  let theirs: Answer[];

  beforeAll(() => {
    theirs = runDjango52<Answer[]>(DJANGO, cases, { settings: { USE_I18N: false } });
  }, 60_000);

  it('answers every generated case as Django does', async () => {
    expect(theirs).toHaveLength(cases.length);
    const mismatches: unknown[] = [];
    for (const [index, c] of cases.entries()) {
      const mine = await ours(c);
      if (JSON.stringify(mine) !== JSON.stringify(theirs[index]))
        mismatches.push({ case: c, ours: mine, django: theirs[index] });
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it('saw every outcome: pages, EmptyPage for both reasons, PageNotAnInteger, elided ranges', () => {
    const seen = new Set<string>();
    for (const answer of theirs) {
      for (const outcome of [...answer.pages, ...answer.getPage]) {
        seen.add(typeof outcome.error === 'string' ? `${outcome.error}: ${String(outcome.message)}` : 'page');
      }
      for (const outcome of answer.elided) {
        if (Array.isArray(outcome.range) && outcome.range.includes('…')) seen.add('elided');
      }
      if (answer.numPages === 0) seen.add('no pages');
    }
    expect([...seen].sort()).toEqual([
      'EmptyPage: That page contains no results',
      'EmptyPage: That page number is less than 1',
      'PageNotAnInteger: That page number is not an integer',
      'elided',
      'no pages',
      'page',
    ]);
  });
});
