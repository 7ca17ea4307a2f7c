/**
 * Tables of accounts, secrets and sessions (migration 0002).
 *
 * `accounts` is a projection of the account events in the log (rebuildable). `credentials`,
 * `tokens`, `sessions` and `login_throttle` hold secrets and short-lived state that must never
 * enter the log: the log records who was given access and when, these tables hold the hashes.
 * Times are ISO 8601 UTC strings with milliseconds (`Date.prototype.toISOString`), so they
 * compare as text on both engines.
 */
export interface AccessTables {
  accounts: AccountRow;
  credentials: CredentialRow;
  tokens: TokenRow;
  sessions: SessionRow;
  login_throttle: LoginThrottleRow;
}

export interface AccountRow {
  id: string;
  kind: 'user' | 'service';
  /** Login name of a person; null for service accounts. */
  username: string | null;
  name: string;
  role: string;
  /** JSON array of facility ids. */
  facilities: string;
  /** JSON array of region codes. */
  regions: string;
  sex: string | null;
  /** 1 once disabled (user) or revoked (service account). */
  disabled: number;
  created_at: string;
  updated_at: string;
  /** HMAC of the row's deciding columns under the integrity key (src/store/row-tags.ts, migration 0010). */
  tag: string | null;
}

/** A person's password, as an argon2id PHC string. */
export interface CredentialRow {
  account_id: string;
  /** Lower-cased login name, unique. */
  username: string;
  password_hash: string;
  created_at: string;
  /** HMAC of the row's deciding columns under the integrity key (src/store/row-tags.ts, migration 0010). */
  tag: string | null;
}

/** A service account's bearer token, as the hex SHA-256 of the token; the token itself is never stored. */
export interface TokenRow {
  account_id: string;
  token_hash: string;
  created_at: string;
  /** HMAC of the row's deciding columns under the integrity key (src/store/row-tags.ts, migration 0010). */
  tag: string | null;
}

/** A page session; the session id itself is never stored, only its hex SHA-256. */
export interface SessionRow {
  id_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** HMAC of the row's deciding columns under the integrity key (src/store/row-tags.ts, migration 0010). */
  tag: string | null;
}

/** Failed logins per key (`user:<name>` or `ip:<address>`), for lockout. */
export interface LoginThrottleRow {
  key: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}
