import { describe, expect, it } from 'vitest';
import { clientPages, pageTotal, pagedTotal, serverPages } from './paging';

describe('pageTotal', () => {
  it('keeps one more page reachable while pages are full', () => {
    expect(pageTotal(0, 20, 20)).toBe(40);
    expect(pageTotal(40, 20, 20)).toBe(80);
  });
  it('is exact on the last page', () => {
    expect(pageTotal(40, 7, 20)).toBe(47);
    expect(pageTotal(0, 0, 20)).toBe(0);
  });
});

describe('pagedTotal', () => {
  it('adds a page while pages come back full', () => {
    expect(pagedTotal(undefined)).toBe(0);
    expect(pagedTotal({ items: new Array(50).fill(0), limit: 50, offset: 0 })).toBe(51);
    expect(pagedTotal({ items: new Array(7).fill(0), limit: 50, offset: 100 })).toBe(107);
    expect(pagedTotal({ items: [], limit: 50, offset: 0 })).toBe(0);
  });
});

describe('clientPages', () => {
  it('hides the pager while the rows fit on one page', () => {
    expect(clientPages()).toEqual({ pageSize: 20, hideOnSinglePage: true });
    expect(clientPages(50)).toEqual({ pageSize: 50, hideOnSinglePage: true });
  });
});

describe('serverPages', () => {
  const onChange = () => undefined;
  it('turns the offset into the current page', () => {
    expect(serverPages({ offset: 40, limit: 20, total: 61, onChange })).toMatchObject({ current: 3, pageSize: 20, total: 61 });
  });
  it('fixes the size and hides a single page unless sizes are offered', () => {
    expect(serverPages({ offset: 0, limit: 50, total: 7, onChange })).toMatchObject({ showSizeChanger: false, hideOnSinglePage: true });
    const sized = serverPages({ offset: 0, limit: 50, total: 7, onChange, sizes: [20, 50] });
    expect(sized).toMatchObject({ showSizeChanger: true, pageSizeOptions: [20, 50] });
    expect(sized.hideOnSinglePage).toBeUndefined();
  });
});
