/** What the append benchmarks write: the same events, by the same number of writers, everywhere. */

/** Concurrent writers, and so events per group-committed transaction (issue 2's "64 writers"). */
export const WRITERS = 64;

/** The n-th event's payload from a writer: a person's details, as a registration carries them. */
export const payloadOf = (writer: number, n: number) => ({
  familyName: 'Сейткали',
  givenNames: 'Айгерим',
  birthDate: '1994-03-12',
  facilityId: `fac_${writer % 8}`,
  note: `event ${n} from writer ${writer}`,
});
