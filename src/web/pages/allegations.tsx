import type { AllegationSummary } from '../../app/complaint-views.js';
import { ComplaintStatusTag } from '../components/complaint-parts.js';
import { Layout } from '../components/layout.js';
import { RuleTags } from '../components/rule-tag.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { paths } from '../paths.js';
import { decisionsText } from './allegation.js';

export interface AllegationsPageProps {
  ctx: PageContext;
  items: readonly AllegationSummary[];
  nextPage: string | null;
}

/**
 * The procurator's list of torture allegations (kz.torture.referral), newest first, each named by
 * its source complaint's reference, with what was decided; joined ones stay (kz.cases.joined).
 */
export function AllegationsPage(props: AllegationsPageProps): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('allegations.title')}>
      <h1 class="heading-xl">{tr.t('allegations.title')}</h1>
      <p class="lead">
        {tr.t('allegations.lead')} <RuleTags rules={['kz.torture.referral', 'kz.cases.joined']} />
      </p>
      {props.items.length === 0 ? (
        <p class="empty">{tr.t('allegations.empty')}</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="allegations-caption" tabindex="0">
          <table class="table allegations">
            <caption class="table__caption" id="allegations-caption">
              {tr.t('allegations.caption', { count: props.items.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{tr.t('allegation.source')}</th>
                <th scope="col">{tr.t('complaint.facility')}</th>
                <th scope="col">{tr.t('complaint.submittedAt')}</th>
                <th scope="col">{tr.t('complaint.status')}</th>
                <th scope="col">{tr.t('allegation.decisions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((item) => (
                <tr>
                  <td>
                    <a href={paths.allegation(item.reference)}>
                      <span class="reference" safe>
                        {item.reference}
                      </span>
                    </a>
                  </td>
                  <td safe>{item.facilityName}</td>
                  <td>
                    <time datetime={item.submittedAt} safe>
                      {formatMoment(tr.lang, item.submittedAt)}
                    </time>
                  </td>
                  <td>
                    <ComplaintStatusTag tr={tr} status={item.status} />
                  </td>
                  <td>
                    {item.decisions.length === 0 ? (
                      <>
                        {tr.t('allegation.decisions.none')}
                        {' — '}
                        <a href={paths.allegation(item.reference)}>
                          {tr.t('allegations.decide')}
                          <span class="visually-hidden">
                            {' '}
                            <span safe>{item.reference}</span>
                          </span>
                        </a>
                      </>
                    ) : (
                      <span safe>{decisionsText(tr, item.decisions)}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.nextPage !== null ? (
        <p>
          <a href={props.nextPage}>{tr.t('pager.next')}</a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}
