// Pages of a list the API answers without a total ({items, limit, offset}): the table shows one
// more page while the current one is full, so "next" stays reachable.
import { fold } from '../../lib/format';

export const PAGE_SIZE = 20;

/** A total for antd's pagination: exact on the last page, one page more while pages are full. */
export function pageTotal(offset: number, count: number, limit: number): number {
  return offset + count + (count >= limit ? limit : 0);
}

/** Client-side filter: every word of the query (diacritics- and case-insensitive) in some text. */
export function matchesQuery(query: string, ...texts: (string | number | null | undefined)[]): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = fold(texts.filter((t) => t !== null && t !== undefined).join(' '));
  return words.every((w) => hay.includes(w));
}
