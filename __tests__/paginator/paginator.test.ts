/** Paginator over sources: what it asks the source for, sync and async, and its argument errors. */
import { Paginator, type PaginationSource } from '../../lib/index.js';
import { pythonInt } from '../../lib/paginator/python-int.js';

function countingSource(rows: number, { async }: { async: boolean }) {
  const calls: string[] = [];
  const all = Array.from({ length: rows }, (_, i) => ({ id: i + 1 }));
  const source: PaginationSource<{ id: number }> = {
    count: () => {
      calls.push('count');
      return async ? Promise.resolve(rows) : rows;
    },
    slice: (start, end) => {
      calls.push(`slice ${start} ${end}`);
      return async ? Promise.resolve(all.slice(start, end)) : all.slice(start, end);
    },
  };
  return { source, calls };
}

describe.each([
  ['a sync source', false],
  ['an async source', true],
])('Paginator over %s', (_label, async) => {
  it('asks once for the count and once for the page, never for all rows', async () => {
    const { source, calls } = countingSource(100_000, { async });
    const paginator = new Paginator(source, 25);
    const page = await paginator.page(3);
    expect(page.objectList.map((row) => row.id)).toEqual(Array.from({ length: 25 }, (_, i) => 51 + i));
    expect(calls).toEqual(['count', 'slice 50 75']);
    expect(paginator.numPages).toBe(4000);
    await paginator.getPage('x');
    expect(calls).toEqual(['count', 'slice 50 75', 'slice 0 25']);
  });

  it('gives the last page its orphans in the same one query', async () => {
    const { source, calls } = countingSource(52, { async });
    const page = await new Paginator(source, 25, { orphans: 2 }).page(2);
    expect(page.length).toBe(27);
    expect(calls).toEqual(['count', 'slice 25 52']);
  });
});

describe('Paginator arguments', () => {
  it('takes a count given as a string or a BigInt (pg and mysql2 answer count(*) so)', async () => {
    expect(await new Paginator({ count: async () => '42', slice: () => [] }, 10).getCount()).toBe(42);
    expect(await new Paginator({ count: () => 42n, slice: () => [] }, 10).getCount()).toBe(42);
  });

  it('refuses a count that is not a whole number, naming it', async () => {
    await expect(new Paginator({ count: async () => -1, slice: () => [] }, 10).getCount()).rejects.toThrow(
      "The source's count() must give a whole number of objects, 0 or more (got -1).",
    );
  });

  it('says to await first when an async count is read synchronously', () => {
    const paginator = new Paginator({ count: async () => 3, slice: () => [] }, 10);
    expect(() => paginator.numPages).toThrow(/Await paginator.getCount\(\), page\(\) or getPage\(\) first/);
  });

  it('refuses what is neither an array nor a source, and a page size below 1', () => {
    expect(() => new Paginator({ length: 3 } as never, 10)).toThrow(
      'Paginator needs an array, or a source with count() and slice(start, end) (got an Object).',
    );
    expect(() => new Paginator([], 0)).toThrow(new RangeError('Paginator perPage must be 1 or more (got 0).'));
    expect(() => new Paginator([], 'ten')).toThrow(
      new TypeError('Paginator option perPage must be an integer or a string of one (got "ten").'),
    );
  });

  it.each<[unknown, number | undefined]>([
    ['12', 12],
    [' 12\n', 12],
    ['+3', 3],
    ['-3', -3],
    ['1_000', 1000],
    ['١٢', 12],
    ['1__0', undefined],
    ['3.0', undefined],
    ['', undefined],
    ['\ufeff1', undefined],
    [2.5, undefined],
    [NaN, undefined],
    [true, 1],
    [null, undefined],
  ])('reads page number %j as Python int() does: %j', (value, expected) => {
    expect(pythonInt(value)).toBe(expected);
  });
});
