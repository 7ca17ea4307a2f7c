/**
 * Hot queries built and compiled once, then run again with new arguments (the arrest path's point
 * reads, say). Kysely builds an operation tree and compiles it to SQL on every call: for a point read
 * by primary key that is about half the time of the whole query (bench/RESULTS.md, sixth session:
 * 4.9 µs through the builder against 2.4 µs for the same compiled query). bulk.ts does the same for
 * the ledger's multi-row INSERTs, as text.
 *
 *   const facilityById = prepared((db, id: string) =>
 *     db.selectFrom('facilities').selectAll().where('id', '=', id));
 *   const row = await facilityById.first(store.db, id);
 *
 * The builder runs once per database handle (so once per engine's dialect, and once per append
 * transaction, whose handle is new each time) with stand-ins for the arguments; each stand-in must be
 * bound as a value of its own (a comparison, an `in` list item, an inserted value), which is checked
 * when the query is compiled. The builder must not depend on the arguments in any other way.
 */
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './database.js';

/** Stands for the n-th argument while the query is compiled; replaced by the argument when it runs. */
class Argument {
  constructor(readonly index: number) {
    Object.freeze(this);
  }
}

export interface PreparedQuery<A extends unknown[], R> {
  /** Every row. */
  all(db: Kysely<Database>, ...args: A): Promise<R[]>;
  /** The first row, or undefined. */
  first(db: Kysely<Database>, ...args: A): Promise<R | undefined>;
  /** Runs a statement whose rows do not matter (an INSERT, an UPDATE). */
  run(db: Kysely<Database>, ...args: A): Promise<void>;
}

export function prepared<A extends unknown[], R>(
  build: (db: Kysely<Database>, ...args: A) => Compilable<R>,
): PreparedQuery<A, R> {
  const arity = build.length - 1;
  const compiled = new WeakMap<Kysely<Database>, CompiledQuery<R>>();
  const templateFor = (db: Kysely<Database>): CompiledQuery<R> => {
    let template = compiled.get(db);
    if (template === undefined) {
      const standIns = Array.from({ length: arity }, (_, index) => new Argument(index)) as unknown as A;
      template = build(db, ...standIns).compile();
      const bound = new Set<number>();
      for (const parameter of template.parameters)
        if (parameter instanceof Argument) bound.add(parameter.index);
      if (bound.size !== arity)
        throw new Error(
          `a prepared query must bind each of its ${arity} arguments as a value; ${template.sql} binds ${bound.size}`,
        );
      compiled.set(db, template);
    }
    return template;
  };
  const execute = (db: Kysely<Database>, args: A) => {
    const template = templateFor(db);
    const parameters = template.parameters.map((parameter) =>
      parameter instanceof Argument ? args[parameter.index] : parameter,
    );
    return db.executeQuery<R>({ ...template, parameters });
  };
  return {
    all: async (db, ...args) => (await execute(db, args)).rows,
    first: async (db, ...args) => (await execute(db, args)).rows[0],
    run: async (db, ...args) => {
      await execute(db, args);
    },
  };
}
