// The storage interface both engines implement (SQLite: db/store-sqlite.ts, PostgreSQL: db/store-pg.ts): raw
// SQL with `@name` (or `?`) parameters, rows as plain objects, and transactions. Query modules (db/queries/*)
// take a Store; where the engines' SQL differs, they ask db/dialect.ts for the fragment.

export type Dialect = "sqlite" | "postgres";

/** Named values for `@name` placeholders, or values for `?` placeholders in order. */
export type Params = Record<string, unknown> | readonly unknown[];

export interface RunResult {
  /** Rows inserted, updated or deleted by the statement. */
  changes: number;
}

export interface TransactionOptions {
  /** Only reads, all from one snapshot (several panels that must agree). SQLite: a WAL read transaction;
   * Postgres: REPEATABLE READ, READ ONLY (its default, READ COMMITTED, gives each statement a new snapshot). */
  snapshot?: boolean;
}

export interface Store {
  readonly dialect: Dialect;
  all<T>(sql: string, params?: Params): Promise<T[]>;
  /** The first row, or undefined. */
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  run(sql: string, params?: Params): Promise<RunResult>;
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws.
   * Statements from outside (other requests) never run inside it: on SQLite's one shared connection they wait
   * until it ends. Inside, use `tx`, not the outer store (that would wait for the transaction: a deadlock).
   */
  transaction<T>(work: (tx: Store) => Promise<T>, options?: TransactionOptions): Promise<T>;
}
