import type { Principal } from '../access/principal.js';
import type { Translator } from './i18n.js';
import type { NavLink } from './navigation.js';

/** What every page needs to draw its shell; built once per request by the plugin. */
export interface PageContext {
  tr: Translator;
  principal: Principal | null;
  /** Names of the official's facilities, for the header (empty for national roles). */
  facilityNames: string[];
  /** The session's CSRF token, for the sign-out form; null for the public. */
  csrfToken: string | null;
  /** This page's own address (path and query), for the language links. */
  path: string;
  /** The links this principal may follow, decided by the access policy. */
  navigation: NavLink[];
  /** The log's current tree size, shown in the footer. */
  treeSize: number;
}
