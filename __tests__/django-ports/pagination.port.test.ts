/**
 * Django's tests/pagination/tests.py (PaginationTests, ModelPaginationTests) ported case by case
 * onto Paginator and Page; the model cases page through a counting, slicing source in place of a
 * QuerySet ordered by id.
 */
import { EmptyPage, InvalidPage, Page, PageNotAnInteger, Paginator, type PaginationSource } from '../../lib/index.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const ten = [...nine, 10];
const eleven = [...ten, 11];
const ELLIPSIS = Paginator.ELLIPSIS;

type Params = [list: number[], perPage: number | string, orphans?: number | string, allowEmptyFirstPage?: boolean];
const make = ([list, perPage, orphans = 0, allowEmptyFirstPage = true]: Params): Paginator<number> =>
  new Paginator(list, perPage, { orphans, allowEmptyFirstPage });

describe('PaginationTests', () => {
  // test_paginator: (object_list, per_page, orphans, allow_empty_first_page) → (count, num_pages, page_range)
  it.each<[Params, [number, number, number[]]]>([
    [
      [ten, 4, 0, false],
      [10, 3, [1, 2, 3]],
    ],
    [
      [ten, 4, 1, false],
      [10, 3, [1, 2, 3]],
    ],
    [
      [ten, 4, 2, false],
      [10, 2, [1, 2]],
    ],
    [
      [ten, 4, 5, false],
      [10, 2, [1, 2]],
    ],
    [
      [ten, 4, 6, false],
      [10, 1, [1]],
    ],
    [
      [ten, 4, 0, true],
      [10, 3, [1, 2, 3]],
    ],
    [
      [ten, 4, 1, true],
      [10, 3, [1, 2, 3]],
    ],
    [
      [ten, 4, 2, true],
      [10, 2, [1, 2]],
    ],
    [
      [ten, 4, 5, true],
      [10, 2, [1, 2]],
    ],
    [
      [ten, 4, 6, true],
      [10, 1, [1]],
    ],
    [
      [[1], 4, 0, false],
      [1, 1, [1]],
    ],
    [
      [[1], 4, 1, false],
      [1, 1, [1]],
    ],
    [
      [[1], 4, 2, false],
      [1, 1, [1]],
    ],
    [
      [[1], 4, 0, true],
      [1, 1, [1]],
    ],
    [
      [[1], 4, 1, true],
      [1, 1, [1]],
    ],
    [
      [[1], 4, 2, true],
      [1, 1, [1]],
    ],
    [
      [[], 4, 0, false],
      [0, 0, []],
    ],
    [
      [[], 4, 1, false],
      [0, 0, []],
    ],
    [
      [[], 4, 2, false],
      [0, 0, []],
    ],
    [
      [[], 4, 0, true],
      [0, 1, [1]],
    ],
    [
      [[], 4, 1, true],
      [0, 1, [1]],
    ],
    [
      [[], 4, 2, true],
      [0, 1, [1]],
    ],
    [
      [[], 1, 0, true],
      [0, 1, [1]],
    ],
    [
      [[], 1, 0, false],
      [0, 0, []],
    ],
    [
      [[1], 2, 0, true],
      [1, 1, [1]],
    ],
    [
      [nine, 10, 0, true],
      [9, 1, [1]],
    ],
    [
      [[1], 1, 0, true],
      [1, 1, [1]],
    ],
    [
      [[1, 2], 2, 0, true],
      [2, 1, [1]],
    ],
    [
      [ten, 10, 0, true],
      [10, 1, [1]],
    ],
    [
      [[1, 2], 1, 0, true],
      [2, 2, [1, 2]],
    ],
    [
      [[1, 2, 3], 2, 0, true],
      [3, 2, [1, 2]],
    ],
    [
      [eleven, 10, 0, true],
      [11, 2, [1, 2]],
    ],
    [
      [[1, 2], 1, 1, true],
      [2, 1, [1]],
    ],
    [
      [[1, 2, 3], 2, 1, true],
      [3, 1, [1]],
    ],
    [
      [eleven, 10, 1, true],
      [11, 1, [1]],
    ],
    [
      [ten, '4', 1, false],
      [10, 3, [1, 2, 3]],
    ],
    [
      [ten, 4, '1', false],
      [10, 3, [1, 2, 3]],
    ],
  ])('test_paginator %j', (params, [count, numPages, pageRange]) => {
    const paginator = make(params);
    expect(paginator.count).toBe(count);
    expect(paginator.numPages).toBe(numPages);
    expect(paginator.pageRange).toEqual(pageRange);
  });

  it('test_invalid_page_number', async () => {
    const paginator = new Paginator([1, 2, 3], 2);
    await expect(paginator.page(3)).rejects.toThrow(InvalidPage);
    expect(() => paginator.validateNumber(null)).toThrow(PageNotAnInteger);
    expect(() => paginator.validateNumber('x')).toThrow(PageNotAnInteger);
    expect(() => paginator.validateNumber(1.2)).toThrow(PageNotAnInteger);
  });

  it('test_error_messages', () => {
    let paginator = new Paginator([1, 2, 3], 2, {
      errorMessages: { invalidPage: 'Wrong page number', minPage: 'Too small', noResults: 'There is nothing here' },
    });
    expect(() => paginator.validateNumber(1.2)).toThrow(new PageNotAnInteger('Wrong page number'));
    expect(() => paginator.validateNumber(-1)).toThrow(new EmptyPage('Too small'));
    expect(() => paginator.validateNumber(3)).toThrow(new EmptyPage('There is nothing here'));
    paginator = new Paginator([1, 2, 3], 2, { errorMessages: { minPage: 'Too small' } });
    expect(() => paginator.validateNumber(-1)).toThrow('Too small');
    expect(() => paginator.validateNumber(3)).toThrow('That page contains no results');
  });

  it('test_float_integer_page', () => {
    expect(new Paginator([1, 2, 3], 2).validateNumber(1.0)).toBe(1);
  });

  it('test_no_content_allow_empty_first_page', () => {
    expect(new Paginator([], 2).validateNumber(1)).toBe(1);
  });

  it('test_paginate_misc_classes (a source with count())', () => {
    const paginator = new Paginator({ count: () => 42, slice: () => [] }, 10);
    expect(paginator.count).toBe(42);
    expect(paginator.numPages).toBe(5);
    expect(paginator.pageRange).toEqual([1, 2, 3, 4, 5]);
  });

  it('test_count_does_not_silence_attribute_error / test_count_does_not_silence_type_error', () => {
    for (const error of [new ReferenceError('abc'), new TypeError('abc')]) {
      const source: PaginationSource<never> = {
        count: () => {
          throw error;
        },
        slice: () => [],
      };
      expect(() => new Paginator(source, 10).count).toThrow(error);
    }
  });

  // test_page_indexes: params, (start, end) of the first page, (start, end) of the last page
  it.each<[Params, [number, number], [number, number]]>([
    [
      [ten, 1, 0, true],
      [1, 1],
      [10, 10],
    ],
    [
      [ten, 2, 0, true],
      [1, 2],
      [9, 10],
    ],
    [
      [ten, 3, 0, true],
      [1, 3],
      [10, 10],
    ],
    [
      [ten, 5, 0, true],
      [1, 5],
      [6, 10],
    ],
    [
      [ten, 1, 1, true],
      [1, 1],
      [9, 10],
    ],
    [
      [ten, 1, 2, true],
      [1, 1],
      [8, 10],
    ],
    [
      [ten, 3, 1, true],
      [1, 3],
      [7, 10],
    ],
    [
      [ten, 3, 2, true],
      [1, 3],
      [7, 10],
    ],
    [
      [ten, 3, 4, true],
      [1, 3],
      [4, 10],
    ],
    [
      [ten, 5, 1, true],
      [1, 5],
      [6, 10],
    ],
    [
      [ten, 5, 2, true],
      [1, 5],
      [6, 10],
    ],
    [
      [ten, 5, 5, true],
      [1, 10],
      [1, 10],
    ],
    [
      [[1], 4, 0, false],
      [1, 1],
      [1, 1],
    ],
    [
      [[1], 4, 1, false],
      [1, 1],
      [1, 1],
    ],
    [
      [[1], 4, 2, false],
      [1, 1],
      [1, 1],
    ],
    [
      [[1], 4, 0, true],
      [1, 1],
      [1, 1],
    ],
    [
      [[1], 4, 1, true],
      [1, 1],
      [1, 1],
    ],
    [
      [[1], 4, 2, true],
      [1, 1],
      [1, 1],
    ],
    [
      [[], 4, 0, true],
      [0, 0],
      [0, 0],
    ],
    [
      [[], 4, 1, true],
      [0, 0],
      [0, 0],
    ],
    [
      [[], 4, 2, true],
      [0, 0],
      [0, 0],
    ],
  ])('test_page_indexes %j', async (params, first, last) => {
    const paginator = make(params);
    const firstPage = await paginator.page(1);
    expect([firstPage.startIndex(), firstPage.endIndex()]).toEqual(first);
    const lastPage = await paginator.page(paginator.numPages);
    expect([lastPage.startIndex(), lastPage.endIndex()]).toEqual(last);
  });

  it('test_page_indexes: no items and no empty first page is EmptyPage', async () => {
    for (const orphans of [0, 1, 2]) await expect(make([[], 4, orphans, false]).page(1)).rejects.toThrow(EmptyPage);
  });

  it('test_page_sequence', async () => {
    const page2 = await new Paginator([...'abcdefghijk'], 5, { orphans: 1 }).page(2);
    expect(page2.length).toBe(6);
    expect([...page2]).toContain('k');
    expect([...page2]).not.toContain('a');
    expect([...page2].join('')).toBe('fghijk');
    expect([...page2].reverse().join('')).toBe('kjihgf');
  });

  it('test_get_page_hook (createPage returns a Page subclass)', async () => {
    // tests/pagination/custom.py: ValidAdjacentNumsPage / ValidAdjacentNumsPaginator
    class ValidAdjacentNumsPage<T> extends Page<T> {
      override nextPageNumber(): number {
        return this.hasNext() ? super.nextPageNumber() : (null as unknown as number);
      }
      override previousPageNumber(): number {
        return this.hasPrevious() ? super.previousPageNumber() : (null as unknown as number);
      }
    }
    class ValidAdjacentNumsPaginator<T> extends Paginator<T> {
      protected override createPage(objectList: readonly T[], number: number): Page<T> {
        return new ValidAdjacentNumsPage(objectList, number, this);
      }
    }
    const paginator = new ValidAdjacentNumsPaginator([...'abcdefghijk'], 6);
    const page1 = await paginator.page(1);
    const page2 = await paginator.page(2);
    expect(page1.previousPageNumber()).toBeNull();
    expect(page1.nextPageNumber()).toBe(2);
    expect(page2.previousPageNumber()).toBe(1);
    expect(page2.nextPageNumber()).toBeNull();
  });

  it('test_page_range_iterator (a fresh array of numbers)', () => {
    expect(new Paginator([1, 2, 3], 2).pageRange).toEqual([1, 2]);
  });

  it('test_get_page', async () => {
    const paginator = new Paginator([1, 2, 3], 2);
    const page = await paginator.getPage(1);
    expect(page.number).toBe(1);
    expect(page.objectList).toEqual([1, 2]);
    expect((await paginator.getPage(3)).number).toBe(2);
    expect((await paginator.getPage(null)).number).toBe(1);
  });

  it('test_get_page_empty_object_list', async () => {
    const paginator = new Paginator([], 2);
    expect((await paginator.getPage(1)).number).toBe(1);
    expect((await paginator.getPage(2)).number).toBe(1);
    expect((await paginator.getPage(null)).number).toBe(1);
  });

  it('test_get_page_empty_object_list_and_allow_empty_first_page_false', async () => {
    await expect(new Paginator([], 2, { allowEmptyFirstPage: false }).getPage(1)).rejects.toThrow(EmptyPage);
  });

  it('test_paginator_iteration', async () => {
    const paginator = new Paginator([1, 2, 3], 2);
    const pages: string[] = [];
    const lists: number[][] = [];
    for await (const page of paginator) {
      pages.push(String(page));
      lists.push([...page]);
    }
    expect(lists).toEqual([[1, 2], [3]]);
    expect(pages).toEqual(['<Page 1 of 2>', '<Page 2 of 2>']);
  });

  describe('test_get_elided_page_range', () => {
    it('validates the number when iterated', () => {
      const paginator = new Paginator([1, 2, 3], 2);
      const spy = jest.spyOn(paginator, 'validateNumber');
      const elided = paginator.getElidedPageRange(2);
      expect(spy).not.toHaveBeenCalled();
      expect([...elided]).toEqual([1, 2]);
      expect(spy).toHaveBeenCalledWith(2);
    });

    it('is not elided without enough pages (defaults)', () => {
      expect([...new Paginator(range(10 * 100), 100).getElidedPageRange(1)]).not.toContain(ELLIPSIS);
      expect([...new Paginator(range(10 * 100 + 1), 100).getElidedPageRange(1)]).toContain(ELLIPSIS);
    });

    const paginator = new Paginator(range(5000), 100);
    it.each<[number, Array<number | string>]>([
      [1, [1, 2, 3, 4, ELLIPSIS, 49, 50]],
      [6, [1, 2, 3, 4, 5, 6, 7, 8, 9, ELLIPSIS, 49, 50]],
      [7, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ELLIPSIS, 49, 50]],
      [8, [1, 2, ELLIPSIS, 5, 6, 7, 8, 9, 10, 11, ELLIPSIS, 49, 50]],
      [43, [1, 2, ELLIPSIS, 40, 41, 42, 43, 44, 45, 46, ELLIPSIS, 49, 50]],
      [44, [1, 2, ELLIPSIS, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50]],
      [45, [1, 2, ELLIPSIS, 42, 43, 44, 45, 46, 47, 48, 49, 50]],
      [50, [1, 2, ELLIPSIS, 47, 48, 49, 50]],
    ])('is elided with enough pages (defaults): page %i', (number, expected) => {
      expect([...paginator.getElidedPageRange(number)]).toEqual(expected);
    });

    it.each<[number, number, number, number]>([
      [6, 2, 1, 1],
      [8, 1, 3, 1],
      [8, 4, 0, 1],
      [4, 1, 1, 1],
      [2, 0, 1, 2],
      [2, 1, 0, 2],
      [1, 0, 0, 2],
    ])(
      'is not elided without enough pages: %i pages, onEachSide %i, onEnds %i',
      (pages, onEachSide, onEnds, elidedAfter) => {
        for (let offset = 0; offset <= elidedAfter; offset += 1) {
          const elided = [
            ...new Paginator(range((pages + offset) * 100), 100).getElidedPageRange(1, { onEachSide, onEnds }),
          ];
          if (offset < elidedAfter) expect(elided).not.toContain(ELLIPSIS);
          else expect(elided).toContain(ELLIPSIS);
        }
      },
    );

    it.each<[number, number, number, Array<number | string>]>([
      [1, 2, 1, [1, 2, 3, ELLIPSIS, 50]],
      [4, 2, 1, [1, 2, 3, 4, 5, 6, ELLIPSIS, 50]],
      [5, 2, 1, [1, 2, 3, 4, 5, 6, 7, ELLIPSIS, 50]],
      [6, 2, 1, [1, ELLIPSIS, 4, 5, 6, 7, 8, ELLIPSIS, 50]],
      [45, 2, 1, [1, ELLIPSIS, 43, 44, 45, 46, 47, ELLIPSIS, 50]],
      [46, 2, 1, [1, ELLIPSIS, 44, 45, 46, 47, 48, 49, 50]],
      [47, 2, 1, [1, ELLIPSIS, 45, 46, 47, 48, 49, 50]],
      [50, 2, 1, [1, ELLIPSIS, 48, 49, 50]],
      [1, 1, 3, [1, 2, ELLIPSIS, 48, 49, 50]],
      [5, 1, 3, [1, 2, 3, 4, 5, 6, ELLIPSIS, 48, 49, 50]],
      [6, 1, 3, [1, 2, 3, 4, 5, 6, 7, ELLIPSIS, 48, 49, 50]],
      [7, 1, 3, [1, 2, 3, ELLIPSIS, 6, 7, 8, ELLIPSIS, 48, 49, 50]],
      [44, 1, 3, [1, 2, 3, ELLIPSIS, 43, 44, 45, ELLIPSIS, 48, 49, 50]],
      [45, 1, 3, [1, 2, 3, ELLIPSIS, 44, 45, 46, 47, 48, 49, 50]],
      [46, 1, 3, [1, 2, 3, ELLIPSIS, 45, 46, 47, 48, 49, 50]],
      [50, 1, 3, [1, 2, 3, ELLIPSIS, 49, 50]],
      [1, 4, 0, [1, 2, 3, 4, 5, ELLIPSIS]],
      [5, 4, 0, [1, 2, 3, 4, 5, 6, 7, 8, 9, ELLIPSIS]],
      [6, 4, 0, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ELLIPSIS]],
      [7, 4, 0, [ELLIPSIS, 3, 4, 5, 6, 7, 8, 9, 10, 11, ELLIPSIS]],
      [44, 4, 0, [ELLIPSIS, 40, 41, 42, 43, 44, 45, 46, 47, 48, ELLIPSIS]],
      [45, 4, 0, [ELLIPSIS, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50]],
      [46, 4, 0, [ELLIPSIS, 42, 43, 44, 45, 46, 47, 48, 49, 50]],
      [50, 4, 0, [ELLIPSIS, 46, 47, 48, 49, 50]],
      [1, 0, 1, [1, ELLIPSIS, 50]],
      [2, 0, 1, [1, 2, ELLIPSIS, 50]],
      [3, 0, 1, [1, 2, 3, ELLIPSIS, 50]],
      [4, 0, 1, [1, ELLIPSIS, 4, ELLIPSIS, 50]],
      [47, 0, 1, [1, ELLIPSIS, 47, ELLIPSIS, 50]],
      [48, 0, 1, [1, ELLIPSIS, 48, 49, 50]],
      [49, 0, 1, [1, ELLIPSIS, 49, 50]],
      [50, 0, 1, [1, ELLIPSIS, 50]],
      [1, 0, 0, [1, ELLIPSIS]],
      [2, 0, 0, [1, 2, ELLIPSIS]],
      [3, 0, 0, [ELLIPSIS, 3, ELLIPSIS]],
      [48, 0, 0, [ELLIPSIS, 48, ELLIPSIS]],
      [49, 0, 0, [ELLIPSIS, 49, 50]],
      [50, 0, 0, [ELLIPSIS, 50]],
    ])('is elided with enough pages: page %i, onEachSide %i, onEnds %i', (number, onEachSide, onEnds, expected) => {
      expect([...paginator.getElidedPageRange(number, { onEachSide, onEnds })]).toEqual(expected);
    });
  });
});

describe('ModelPaginationTests (a source ordered by id)', () => {
  const articles = Array.from({ length: 9 }, (_, i) => ({ id: i + 1, headline: `Article ${i + 1}` }));
  const source: PaginationSource<(typeof articles)[number]> = {
    count: async () => articles.length,
    slice: async (start, end) => articles.slice(start, end),
  };

  it('test_first_page', async () => {
    const p = await new Paginator(source, 5).page(1);
    expect(String(p)).toBe('<Page 1 of 2>');
    expect(p.objectList).toEqual(articles.slice(0, 5));
    expect(p.hasNext()).toBe(true);
    expect(p.hasPrevious()).toBe(false);
    expect(p.hasOtherPages()).toBe(true);
    expect(p.nextPageNumber()).toBe(2);
    expect(() => p.previousPageNumber()).toThrow(InvalidPage);
    expect(p.startIndex()).toBe(1);
    expect(p.endIndex()).toBe(5);
  });

  it('test_last_page', async () => {
    const p = await new Paginator(source, 5).page(2);
    expect(String(p)).toBe('<Page 2 of 2>');
    expect(p.objectList).toEqual(articles.slice(5));
    expect(p.hasNext()).toBe(false);
    expect(p.hasPrevious()).toBe(true);
    expect(p.hasOtherPages()).toBe(true);
    expect(() => p.nextPageNumber()).toThrow(InvalidPage);
    expect(p.previousPageNumber()).toBe(1);
    expect(p.startIndex()).toBe(6);
    expect(p.endIndex()).toBe(9);
  });

  it('test_page_getitem (the page holds its rows: index and slice them)', async () => {
    const p = await new Paginator(source, 5).page(1);
    expect(p.objectList[0]).toEqual(articles[0]);
    expect(p.objectList.slice(0, 2)).toEqual(articles.slice(0, 2));
    expect(Array.isArray(p.objectList)).toBe(true);
  });

  it('test_paginating_empty_queryset_does_not_warn (an empty source needs no page query)', async () => {
    const slice = jest.fn(() => []);
    const page = await new Paginator({ count: () => 0, slice }, 5).page(1);
    expect(page.objectList).toEqual([]);
    expect(slice).not.toHaveBeenCalled();
  });
});
