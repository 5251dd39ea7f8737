// A search typed in a list box, checked in the browser against the rows already loaded.
import { fold } from '../../lib/format';

/** Client-side filter: every word of the query (diacritics- and case-insensitive) in some text. */
export function matchesQuery(query: string, ...texts: (string | number | null | undefined)[]): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = fold(texts.filter((t) => t !== null && t !== undefined).join(' '));
  return words.every((w) => hay.includes(w));
}
