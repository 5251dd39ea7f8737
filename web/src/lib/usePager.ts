// The page state of a list the API pages ({items, limit, offset}, no total): the offset and limit
// to ask for, a way back to the first page when a filter changes, and antd's pagination.
import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import type { Page } from '../api/types';
import { PAGE_SIZE, PAGE_SIZE_OPTIONS, pageTotal, pagedTotal, serverPages } from './paging';

/** Pages the reader may resize; `pagination(count)` for a page of `count` items. */
export function usePager() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const offset = (page - 1) * pageSize;
  const pagination = (count: number): TablePaginationConfig =>
    serverPages({
      offset,
      limit: pageSize,
      total: pageTotal(offset, count, pageSize),
      sizes: PAGE_SIZE_OPTIONS,
      onChange: (p, s) => {
        setPage(s !== pageSize ? 1 : p);
        setPageSize(s);
      },
    });
  return { limit: pageSize, offset, firstPage: () => setPage(1), pagination };
}

/** Pages of a fixed `size`; `pagination(loaded)` for the page the API answered. */
export function useFixedPager(size: number) {
  const [offset, setOffset] = useState(0);
  const pagination = (loaded: Page<unknown> | undefined): TablePaginationConfig =>
    serverPages({ offset, limit: size, total: pagedTotal(loaded), onChange: (p) => setOffset((p - 1) * size) });
  return { limit: size, offset, firstPage: () => setOffset(0), pagination };
}
