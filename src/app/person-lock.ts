/**
 * One registration at a time per person, in this process: an arrest or an admission checks that the
 * person is not already held, then appends — two steps with awaits between them. Without this, two
 * requests for the same person that arrive together both pass the check and both open a record (a
 * test sent 8 arrests at once and got 8 open episodes). Requests for different people do not wait
 * for each other.
 *
 * Per process: it covers the embedded store (one server per database) and a single PostgreSQL
 * server; several servers on one PostgreSQL database can still race here (docs/operating.md).
 */
const queues = new Map<string, Promise<unknown>>();

export async function oneAtATimeFor<T>(personId: string, work: () => Promise<T>): Promise<T> {
  const before = queues.get(personId) ?? Promise.resolve();
  const run = before.then(work);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(personId, settled);
  try {
    return await run;
  } finally {
    if (queues.get(personId) === settled) queues.delete(personId);
  }
}
