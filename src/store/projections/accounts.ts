import type { Kysely, Transaction } from 'kysely';
import type { ServiceAccountEvent } from '../../domain/accounts/service-account.js';
import type { UserEvent } from '../../domain/accounts/user-account.js';
import type { Database } from '../database.js';
import type { Projection, ProjectionContext, StoredEvent } from '../types.js';

type Db = Transaction<Database> | Kysely<Database>;

/**
 * `accounts`: who holds which role and scope, from the account events of the log. Each row carries
 * its tag (src/store/row-tags.ts), so that a role or scope raised in the database is refused.
 */
export const accountsProjection: Projection = {
  name: 'accounts',
  tables: ['accounts'],
  async apply(db: Db, event: StoredEvent, context: ProjectionContext): Promise<void> {
    if (event.payload === null) return; // erased: nothing left to project
    const { stream } = event.entry;
    if (!stream.startsWith('account/') && !stream.startsWith('service-account/')) return;
    await project(db, event);
    const accountId = (event.payload as { accountId?: unknown }).accountId;
    if (typeof accountId === 'string') await retag(db, accountId, context);
  },
};

/** Writes the row's tag over what the row now says. */
async function retag(db: Db, accountId: string, context: ProjectionContext): Promise<void> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
  if (!row) return;
  await db
    .updateTable('accounts')
    .set({ tag: context.rows.tag('accounts', row) })
    .where('id', '=', accountId)
    .execute();
}

async function project(db: Db, event: StoredEvent): Promise<void> {
  const at = event.entry.at;
  const change = { type: event.entry.type, payload: event.payload } as UserEvent | ServiceAccountEvent;
  switch (change.type) {
    case 'user-created':
      return insertAccount(db, { ...change.payload, kind: 'user' }, at);
    case 'token-issued':
      return insertAccount(db, { ...change.payload, kind: 'service', username: null }, at);
    case 'user-access-changed': {
      const p = change.payload;
      await db
        .updateTable('accounts')
        .set({
          role: p.role,
          facilities: JSON.stringify(p.facilities),
          regions: JSON.stringify(p.regions),
          updated_at: at,
        })
        .where('id', '=', p.accountId)
        .execute();
      return;
    }
    case 'user-enabled':
      await db
        .updateTable('accounts')
        .set({ disabled: 0, updated_at: at })
        .where('id', '=', change.payload.accountId)
        .execute();
      return;
    case 'user-password-reset':
      await db
        .updateTable('accounts')
        .set({ updated_at: at })
        .where('id', '=', change.payload.accountId)
        .execute();
      return;
    case 'user-disabled':
    case 'token-revoked':
      await db
        .updateTable('accounts')
        .set({ disabled: 1, updated_at: at })
        .where('id', '=', change.payload.accountId)
        .execute();
      return;
    default:
      return;
  }
}

/** A new account row, a person's or a service account's, as its creation event states it. */
async function insertAccount(
  db: Db,
  account: {
    accountId: string;
    kind: 'user' | 'service';
    username: string | null;
    name: string;
    role: string;
    facilities: string[];
    regions: string[];
    sex: string | null;
  },
  at: string,
): Promise<void> {
  await db
    .insertInto('accounts')
    .values({
      id: account.accountId,
      kind: account.kind,
      username: account.username,
      name: account.name,
      role: account.role,
      facilities: JSON.stringify(account.facilities),
      regions: JSON.stringify(account.regions),
      sex: account.sex,
      disabled: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
}
