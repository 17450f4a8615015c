// Keyset pages for the export's long reads: a query ordered by a unique key is read PAGE_ROWS rows at a time,
// each page starting after the last row's key. The Store has no cursors, and a transaction kept open for a
// whole download would hold SQLite's one shared connection; a page is one short statement on either engine.
import type { Store } from "../store";

/** Rows per page: 500 turns of JSON (a few MB at most) per statement. */
export const PAGE_ROWS = 500;

const keyAlias = (i: number): string => `pageKey${i}`;

/** The key's expressions as selected columns (`pageKey0…`), for the next page to start after. */
export const keyColumns = (order: readonly string[]): string =>
  order.map((expression, i) => `${expression} AS ${keyAlias(i)}`).join(", ");

/** `where` (a WHERE clause or "") with the page's start condition added. */
export const andWhere = (where: string, after: string): string =>
  after === "" ? where : where === "" ? `WHERE ${after}` : `${where} AND ${after}`;

/**
 * Every row of `select(after)` in `order` (expressions that together are unique per row), page by page.
 * `select` receives the condition of a page's start ("" for the first) and must select `keyColumns(order)`;
 * the key columns are removed from the rows yielded.
 */
export async function* pageRows<T extends object>({
  store,
  order,
  params,
  select,
  pageSize = PAGE_ROWS,
}: {
  store: Store;
  order: readonly string[];
  params: Record<string, unknown>;
  select: (after: string) => string;
  pageSize?: number;
}): AsyncGenerator<T> {
  const limit = Math.max(1, Math.floor(pageSize));
  const orderBy = ` ORDER BY ${order.join(", ")} LIMIT ${limit}`;
  // row values compare lexicographically on both engines (SQLite ≥ 3.15)
  const after = `(${order.join(", ")}) > (${order.map((_, i) => `@${keyAlias(i)}`).join(", ")})`;
  let last: Record<string, unknown> | undefined;
  for (;;) {
    const keys = last ? Object.fromEntries(order.map((_, i) => [keyAlias(i), last?.[keyAlias(i)]])) : {};
    const rows = await store.all<Record<string, unknown>>(select(last ? after : "") + orderBy, {
      ...params,
      ...keys,
    });
    for (const row of rows) {
      const copy = { ...row };
      for (let i = 0; i < order.length; i++) delete copy[keyAlias(i)];
      yield copy as T;
    }
    if (rows.length < limit) return;
    last = rows[rows.length - 1];
  }
}
