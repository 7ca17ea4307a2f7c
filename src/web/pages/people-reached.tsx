import type { ReachedView } from '../../app/person-reach.js';
import { documentKindText } from '../components/identity-document-fields.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { paths } from '../paths.js';

/**
 * For the monitor and the procurator (issue 17 item 5): every arrest and admission that gave a
 * facility a person registered elsewhere — by an identity document or a police custody unit's
 * hand-over — newest first, with who recorded it, so that an arrest made only to read someone's
 * record is seen. The list names people: the service records the read.
 */
export function PeopleReachedPage(props: {
  ctx: PageContext;
  items: readonly ReachedView[];
  nextPage: string | null;
  canOpenCustody: boolean;
  canOpenStay: boolean;
}): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('reached.title')}>
      <h1 class="heading-xl">{tr.t('reached.title')}</h1>
      <p class="lead">{tr.t('reached.lead')}</p>
      {props.items.length === 0 ? (
        <p class="empty">{tr.t('reached.empty')}</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="reached-caption" tabindex="0">
          <table class="table">
            <caption class="table__caption" id="reached-caption">
              {tr.t('reached.caption', { count: props.items.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{tr.t('prison.person')}</th>
                <th scope="col">{tr.t('reached.record')}</th>
                <th scope="col">{tr.t('prison.facility')}</th>
                <th scope="col">{tr.t('reached.how')}</th>
                <th scope="col">{tr.t('reached.by')}</th>
                <th scope="col">{tr.t('reached.at')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((item) => {
                const arrest = item.record === 'arrest';
                const href = arrest ? paths.custodyEpisode(item.recordId) : paths.prisonStay(item.recordId);
                const canOpen = arrest ? props.canOpenCustody : props.canOpenStay;
                return (
                  <tr>
                    <th scope="row" safe>
                      {item.personName}
                    </th>
                    <td>
                      {canOpen ? (
                        <a href={href}>
                          {tr.t(arrest ? 'reached.record.arrest' : 'reached.record.admission')}
                        </a>
                      ) : (
                        tr.t(arrest ? 'reached.record.arrest' : 'reached.record.admission')
                      )}
                      <br />
                      <time class="muted" datetime={item.at} safe>
                        {formatMoment(tr.lang, item.at)}
                      </time>
                    </td>
                    <td safe>{item.facilityName}</td>
                    <td>
                      {tr.t(item.reachedBy === 'hand-over' ? 'reach.by.hand-over' : 'reach.by.document')}
                      {item.documentKind !== null ? (
                        <>
                          <br />
                          <span class="muted" safe>
                            {documentKindText(tr, item.documentKind)}
                          </span>
                        </>
                      ) : (
                        ''
                      )}
                    </td>
                    <td safe>{item.actorName ?? item.actor}</td>
                    <td>
                      <time datetime={item.recordedAt} safe>
                        {formatMoment(tr.lang, item.recordedAt)}
                      </time>
                    </td>
                  </tr>
                );
              })}
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
