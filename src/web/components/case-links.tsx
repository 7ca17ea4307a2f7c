import { can } from '../../access/policy.js';
import { caseStatusName } from '../case-labels.js';
import type { PageContext } from '../context.js';
import { formatDate } from '../format.js';
import { withQuery } from '../list-export.js';
import { paths } from '../paths.js';
import { RuleTags } from './rule-tag.js';

/** The case an allegation is in (caseStatusOfAllegation): its number, where it stands and since when. */
export interface AllegationCase {
  number: string;
  status: string;
  since: string;
}

/**
 * On an allegation's page (a complaint or a doctor's referral), for the procurator: the criminal
 * case it is in, or the links to open a case on it and to join it into one (kz.cases.joined: an
 * allegation is in one case only, and a joined one still counts). Nothing for a reader who may
 * neither read nor keep case files.
 */
export function AllegationCaseLinks(props: {
  ctx: PageContext;
  kind: 'complaint' | 'medical-referral';
  reference: string;
  inCase: AllegationCase | null;
}): JSX.Element {
  const { ctx, inCase } = props;
  const { tr } = ctx;
  const canRead = can(ctx.principal, 'case.read');
  const canWrite = can(ctx.principal, 'case.write');
  if (!canRead && !canWrite) return '';
  const param = props.kind === 'complaint' ? 'complaint' : 'referral';
  const joinParam = props.kind === 'complaint' ? 'joinComplaint' : 'joinReferral';
  return (
    <section class="section" aria-labelledby="allegation-case-title">
      <h2 class="heading-m" id="allegation-case-title">
        {tr.t('allegationCase.title')}
      </h2>
      {inCase !== null ? (
        <p>
          <span safe>
            {tr.attr('allegationCase.inCase', {
              status: caseStatusName(tr, inCase.status),
              since: formatDate(tr.lang, inCase.since),
            })}
          </span>{' '}
          {canRead ? (
            <a href={withQuery(paths.cases, { number: inCase.number })}>
              <span class="reference" safe>
                {inCase.number}
              </span>
            </a>
          ) : (
            <span class="reference" safe>
              {inCase.number}
            </span>
          )}{' '}
          <RuleTags rules={['kz.cases.joined']} />
        </p>
      ) : canWrite ? (
        <>
          <p>
            {tr.t('allegationCase.none')} <RuleTags rules={['kz.cases.joined']} />
          </p>
          <ul class="list medical-actions">
            <li>
              <a href={withQuery(paths.caseNew, { [param]: props.reference })}>
                {tr.t('allegationCase.open')}
              </a>
            </li>
            <li>
              <a href={withQuery(paths.cases, { [joinParam]: props.reference })}>
                {tr.t('allegationCase.join')}
              </a>
            </li>
          </ul>
        </>
      ) : (
        <p>{tr.t('allegationCase.noneRead')}</p>
      )}
    </section>
  );
}
