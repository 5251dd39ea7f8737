// The page state of a list the API pages ({items, limit, offset}, no total): the offset to ask
// for, a way back to the first page when a filter changes, and antd's pagination for a page of
// `count` items.
import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { PAGE_SIZE, pageTotal } from './paging';

export function usePager() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const offset = (page - 1) * pageSize;
  const pagination = (count: number): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: pageTotal(offset, count, pageSize),
    showSizeChanger: true,
    onChange: (p, s) => {
      setPage(s !== pageSize ? 1 : p);
      setPageSize(s);
    },
  });
  return { limit: pageSize, offset, firstPage: () => setPage(1), pagination };
}
