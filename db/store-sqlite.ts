// The Store on SQLite: better-sqlite3's synchronous prepared statements underneath (prepared once each), so a
// query costs what it did; async only at the surface. One connection is shared by every request, so a
// transaction holds it: statements from outside wait until the transaction ends instead of landing inside it.
import type Database from "better-sqlite3";
import { statement } from "./client";
import type { Params, RunResult, Store } from "./store";

/** The connection's statements, prepared once (db/client.ts `statement`, the cache the builder uses too). */
class Statements {
  constructor(private readonly sqlite: Database.Database) {}
  prepare(sql: string): Database.Statement {
    return statement(this.sqlite, sql);
  }
}

const bind = (params: Params | undefined): unknown[] =>
  params === undefined ? [] : Array.isArray(params) ? [...(params as unknown[])] : [params];

/** Statements on the connection, run now (inside a transaction, or when none is open). */
class Direct {
  constructor(protected readonly statements: Statements) {}
  protected allNow<T>(sql: string, params?: Params): T[] {
    return this.statements.prepare(sql).all(...bind(params)) as T[];
  }
  protected getNow<T>(sql: string, params?: Params): T | undefined {
    return this.statements.prepare(sql).get(...bind(params)) as T | undefined;
  }
  protected runNow(sql: string, params?: Params): RunResult {
    return { changes: this.statements.prepare(sql).run(...bind(params)).changes };
  }
}

/** The handle a transaction's work receives: its statements run at once, on the transaction. */
class SqliteTransaction extends Direct implements Store {
  readonly dialect = "sqlite" as const;
  constructor(
    statements: Statements,
    private readonly nest: <T>(work: (tx: Store) => Promise<T>) => Promise<T>,
  ) {
    super(statements);
  }
  all<T>(sql: string, params?: Params): Promise<T[]> {
    return Promise.resolve(this.allNow<T>(sql, params));
  }
  get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return Promise.resolve(this.getNow<T>(sql, params));
  }
  run(sql: string, params?: Params): Promise<RunResult> {
    return Promise.resolve(this.runNow(sql, params));
  }
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    return this.nest(work);
  }
}

export class SqliteStore extends Direct implements Store {
  readonly dialect = "sqlite" as const;
  /** Settles when the open transaction (and those queued before it) end; undefined when none is queued. */
  private tail: Promise<void> | undefined;
  private savepoints = 0;

  constructor(readonly sqlite: Database.Database) {
    super(new Statements(sqlite));
  }

  /** Runs `work` now when no transaction holds the connection, else after it. */
  private whenFree<T>(work: () => T): Promise<T> {
    if (!this.tail) {
      try {
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return this.tail.then(() => this.whenFree(work));
  }

  all<T>(sql: string, params?: Params): Promise<T[]> {
    return this.whenFree(() => this.allNow<T>(sql, params));
  }
  get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return this.whenFree(() => this.getNow<T>(sql, params));
  }
  run(sql: string, params?: Params): Promise<RunResult> {
    return this.whenFree(() => this.runNow(sql, params));
  }

  /**
   * Runs synchronous `work` (better-sqlite3 statements on `sqlite`) in one transaction, as soon as no Store
   * transaction holds the connection: from BEGIN to COMMIT nothing else runs, not even a promise's
   * continuation, as in the hot paths' own transactions (the indexer's batch).
   */
  transactionSync<T>(work: () => T): Promise<T> {
    return this.whenFree(() => this.sqlite.transaction(work)());
  }

  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    const previous = this.tail ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tail = tail;
    return previous.then(async () => {
      try {
        return await this.inTransaction(work);
      } finally {
        if (this.tail === tail) this.tail = undefined;
        release();
      }
    });
  }

  private async inTransaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    this.sqlite.exec("BEGIN");
    try {
      const result = await work(new SqliteTransaction(this.statements, (inner) => this.savepoint(inner)));
      this.sqlite.exec("COMMIT");
      return result;
    } catch (error) {
      if (this.sqlite.inTransaction) this.sqlite.exec("ROLLBACK");
      throw error;
    }
  }

  /** A transaction inside a transaction: a savepoint, rolled back alone when its work throws. */
  private async savepoint<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    const name = `tracemark_${++this.savepoints}`;
    this.sqlite.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work(new SqliteTransaction(this.statements, (inner) => this.savepoint(inner)));
      this.sqlite.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.sqlite.exec(`ROLLBACK TO ${name}`);
      this.sqlite.exec(`RELEASE ${name}`);
      throw error;
    }
  }
}

const stores = new WeakMap<Database.Database, SqliteStore>();

/** The one Store of a connection (one per connection, so its transactions are serialized with each other). */
export function sqliteStoreOf(db: { $client: Database.Database }): SqliteStore {
  let store = stores.get(db.$client);
  if (!store) {
    store = new SqliteStore(db.$client);
    stores.set(db.$client, store);
  }
  return store;
}
