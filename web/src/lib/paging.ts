// Table pagination, one definition for every screen: page sizes, totals for lists the API answers
// without a count ({items, limit, offset}), and antd's settings for rows already loaded or for a
// list fetched a page at a time.
import type { TablePaginationConfig } from 'antd';
import type { Page } from '../api/types';

export const PAGE_SIZE = 20;

/** The sizes a reader may choose from (antd's own, made explicit). */
export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100];

/** A total for antd's pagination: exact on the last page, one page more while pages are full. */
export function pageTotal(offset: number, count: number, limit: number): number {
  return offset + count + (count >= limit ? limit : 0);
}

/**
 * A total for antd pagination when the API gives no count: the rows seen so far, plus one more
 * page when this page came back full (there may be more).
 */
export function pagedTotal<T>(page: Page<T> | undefined): number {
  if (!page) return 0;
  const seen = page.offset + page.items.length;
  return page.items.length >= page.limit ? seen + 1 : seen;
}

/** Rows already in the browser, `pageSize` at a time; no pager while they fit on one page. */
export function clientPages(pageSize: number = PAGE_SIZE): TablePaginationConfig {
  return { pageSize, hideOnSinglePage: true };
}

export interface ServerPages {
  offset: number;
  limit: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
  /** Sizes the reader may choose from; without them the size is fixed and one page shows no pager. */
  sizes?: number[];
}

/** A list fetched from the server a page (`limit` rows from `offset`) at a time. */
export function serverPages({ offset, limit, total, onChange, sizes }: ServerPages): TablePaginationConfig {
  const common = { current: Math.floor(offset / limit) + 1, pageSize: limit, total, onChange };
  return sizes
    ? { ...common, showSizeChanger: true, pageSizeOptions: sizes }
    : { ...common, showSizeChanger: false, hideOnSinglePage: true };
}
