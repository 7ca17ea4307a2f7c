import { can } from '../../access/policy.js';
import type { AuditKind } from '../../app/audit.js';
import type { PageContext } from '../context.js';
import { paths } from '../paths.js';

/**
 * "Who read this record": on a record's page, the link to its read audit, for the roles that may
 * read the audit (monitor, procurator; the same policy as GET /api/v1/audit); nothing for others.
 */
export function ReadAuditLink(props: { ctx: PageContext; kind: AuditKind; record: string }): JSX.Element {
  if (!can(props.ctx.principal, 'audit.read')) return '';
  return (
    <p class="audit-link">
      <a href={paths.auditOf(props.kind, props.record)}>{props.ctx.tr.t('audit.link')}</a>
    </p>
  );
}
