// Rows of a list held in the browser, changed in place after an action answers the changed row.

/** `items` with `row` in place of the item with the same id (unchanged when none has it). */
export function replaceById<T extends { id: number }>(items: readonly T[], row: T): T[] {
  return items.map((r) => (r.id === row.id ? row : r));
}
