// The export's long reads in pieces: the Store has no cursors, and a transaction kept open for a whole
// download would hold SQLite's one shared connection, so each piece is one short statement on either engine.
// Keyset pages (pageRows: a query ordered by a unique key, PAGE_ROWS rows at a time, each page after the last
// row's key) serve the dpo prompt groups; the per-turn rows go by batches of sessions (export-rows.ts). No
// page carries the turn JSON (`turns.data`, most of an export's bytes: sorting it along made an export 10×
// slower); it is read afterwards by turn id, DATA_ROWS turns at a time (withTurnData).
import { fragmentsOf } from "../dialect";
import type { Store } from "../store";

/** Rows per page: a page's sort scans every matching row, so fewer, larger pages of small rows. */
export const PAGE_ROWS = 2_000;
/** Turns whose JSON is read per statement (and held at once): a turn's JSON can be a few MB. */
const DATA_ROWS = 100;

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
}): AsyncGenerator<T[]> {
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
    yield rows.map((row) => {
      const copy = { ...row };
      for (let i = 0; i < order.length; i++) delete copy[keyAlias(i)];
      return copy as T;
    });
    if (rows.length < limit) return;
    last = rows[rows.length - 1];
  }
}

/** The rows of `pages` in order, each with its turn's JSON (`data`) read by `turnId`. */
export async function* withTurnData<T extends { turnId: string }>(
  store: Store,
  pages: AsyncIterable<T[]>,
): AsyncGenerator<T & { data: string }> {
  const sql = fragmentsOf(store.dialect);
  for await (const page of pages) {
    for (let start = 0; start < page.length; start += DATA_ROWS) {
      const rows = page.slice(start, start + DATA_ROWS);
      const ids = [...new Set(rows.map((row) => row.turnId))];
      const found = await store.all<{ id: string; data: string }>(
        `SELECT id, data FROM turns WHERE id IN (${sql.jsonValues("@ids")})`,
        { ids: JSON.stringify(ids) },
      );
      const data = new Map(found.map((row) => [row.id, row.data]));
      // a turn deleted between the page and its JSON (retention) is left out, as a later page would
      for (const row of rows) {
        const json = data.get(row.turnId);
        if (json !== undefined) yield { ...row, data: json };
      }
    }
  }
}
