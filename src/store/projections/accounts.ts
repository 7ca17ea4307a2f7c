import type { Kysely, Transaction } from 'kysely';
import type { ServiceAccountEvent } from '../../domain/accounts/service-account.js';
import type { UserEvent } from '../../domain/accounts/user-account.js';
import type { Database } from '../database.js';
import type { Projection, StoredEvent } from '../types.js';

type Db = Transaction<Database> | Kysely<Database>;

/** `accounts`: who holds which role and scope, from the account events of the log. */
export const accountsProjection: Projection = {
  name: 'accounts',
  tables: ['accounts'],
  async apply(db: Db, event: StoredEvent): Promise<void> {
    if (event.payload === null) return; // erased: nothing left to project
    const at = event.entry.at;
    const change = { type: event.entry.type, payload: event.payload } as UserEvent | ServiceAccountEvent;
    switch (change.type) {
      case 'user-created': {
        const p = change.payload;
        await db
          .insertInto('accounts')
          .values({
            id: p.accountId,
            kind: 'user',
            username: p.username,
            name: p.name,
            role: p.role,
            facilities: JSON.stringify(p.facilities),
            regions: JSON.stringify(p.regions),
            sex: p.sex,
            disabled: 0,
            created_at: at,
            updated_at: at,
          })
          .execute();
        return;
      }
      case 'token-issued': {
        const p = change.payload;
        await db
          .insertInto('accounts')
          .values({
            id: p.accountId,
            kind: 'service',
            username: null,
            name: p.name,
            role: p.role,
            facilities: JSON.stringify(p.facilities),
            regions: JSON.stringify(p.regions),
            sex: p.sex,
            disabled: 0,
            created_at: at,
            updated_at: at,
          })
          .execute();
        return;
      }
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
  },
};
