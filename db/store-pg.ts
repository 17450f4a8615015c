// The Store on PostgreSQL: a node-postgres pool (db/client-pg.ts opens it); statements outside a transaction
// take any pooled connection, a transaction holds one connection from BEGIN to COMMIT. Query text is written
// as for SQLite (`@name`, camelCase aliases) and translated by db/sql-params.ts.
import type pg from "pg";
import { toPositional } from "./sql-params";
import type { Params, RunResult, Store, TransactionOptions } from "./store";

type Queryable = pg.Pool | pg.PoolClient;

class PgQueries {
  constructor(protected readonly client: Queryable) {}

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    const { text, values } = toPositional(sql, params);
    return (await this.client.query(text, values)).rows as T[];
  }
  async get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }
  async run(sql: string, params?: Params): Promise<RunResult> {
    const { text, values } = toPositional(sql, params);
    return { changes: (await this.client.query(text, values)).rowCount ?? 0 };
  }
}

/** A transaction's handle: every statement on its one connection; a nested transaction is a savepoint. */
class PgTransaction extends PgQueries implements Store {
  readonly dialect = "postgres" as const;
  private savepoints = 0;
  constructor(client: pg.PoolClient) {
    super(client);
  }
  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    const name = `tracemark_${++this.savepoints}`;
    await this.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await work(this);
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }
}

export class PgStore extends PgQueries implements Store {
  readonly dialect = "postgres" as const;
  constructor(readonly pool: pg.Pool) {
    super(pool);
  }

  async transaction<T>(work: (tx: Store) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    // A connection lost while checked out (the server restarted, a backend terminated) is reported as an
    // 'error' event besides the failing query: without a listener it would end the process. The query's
    // rejection is what the caller handles; the connection is destroyed, never handed out again.
    const onError = (): void => {
      broken = true;
    };
    client.on("error", onError);
    try {
      await client.query(options.snapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
      const result = await work(new PgTransaction(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      // a connection whose ROLLBACK fails is in an unknown state: destroyed, not returned to the pool
      await client.query("ROLLBACK").catch(() => (broken = true));
      throw error;
    } finally {
      // A broken connection keeps the listener: its socket may still report the loss after this.
      if (!broken) client.off("error", onError);
      client.release(broken);
    }
  }
}
