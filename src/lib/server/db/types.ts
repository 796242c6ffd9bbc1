/** The one database interface the server uses; PGlite and PostgreSQL both implement it with the same SQL. */
export interface Queryable {
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
	/** Runs a script of several statements without parameters (migrations). */
	exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
	readonly kind: 'pglite' | 'postgres';
	/** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	/**
	 * Calls `fn` with every NOTIFY payload on `channel`, from any process on this database
	 * (with PGlite: this process). Resolves once listening; the result stops it.
	 */
	listen(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
	notify(channel: string, payload: string): Promise<void>;
	close(): Promise<void>;
}
