import type { JudgeAllegationSummary, JudgeOrderView } from '../../app/complaint-views.js';
import { ClockTexts } from '../components/clock.js';
import {
  CategoryTag,
  ComplainantText,
  ComplaintClock,
  ComplaintStatusTag,
  RequestsText,
} from '../components/complaint-parts.js';
import { MomentField } from '../components/custody-fields.js';
import { TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { RuleTags } from '../components/rule-tag.js';
import { FindingsTable } from '../components/timeline.js';
import { channelName } from '../complaint-labels.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import { paths } from '../paths.js';
import { regionName } from '../region-labels.js';
import { concernedOffice } from './judge-allegations.js';

/** The order form's fields: those of POST /judge/allegations/{reference}/order, the time as date, time and offset. */
export const ORDER_FIELDS = ['orderedAt', 'orderedAt-offset', 'investigateBy', 'caseNumber'] as const;

export interface JudgeAllegationPageProps {
  ctx: PageContext;
  allegation: JudgeAllegationSummary;
  values: FormValues;
  errors: readonly FieldError[];
  /** After POST-redirect-GET: the order was just recorded. */
  recorded: boolean;
  /** The server's time at rendering. */
  now: string;
}

/**
 * One complaint about a procurator's or an investigator's own office, for the investigating judge
 * (kz.allegation.conflict): where and when it came, whose office it is about, the facts the
 * procurator would see of an allegation — and not its text, which is sealed to the complaints
 * authority's key (the judge holds none; the authority provides the text on request). The judge's
 * orders so far, the clock of "at once", and the form that records the order to investigate.
 */
export function JudgeAllegationPage(props: JudgeAllegationPageProps): JSX.Element {
  const { ctx, allegation, values, errors } = props;
  const { tr } = ctx;
  const rows: { key: MessageKey; value: JSX.Element }[] = [
    {
      key: 'complaint.facility',
      value: (
        <>
          <span safe>{allegation.facilityName}</span> (
          <span safe>{regionName(tr, allegation.facilityRegion)}</span>)
        </>
      ),
    },
    { key: 'complaint.channel', value: <span safe>{channelName(tr, allegation.source)}</span> },
    {
      key: 'complaint.submittedAt',
      value: (
        <time datetime={allegation.submittedAt} safe>
          {formatMoment(tr.lang, allegation.submittedAt)}
        </time>
      ),
    },
    { key: 'judge.category', value: <CategoryTag tr={tr} category={allegation.category} /> },
    { key: 'complaint.complainant', value: <ComplainantText tr={tr} complainant={allegation.complainant} /> },
    {
      key: 'complaint.requests',
      value: (
        <RequestsText
          tr={tr}
          protectionRequested={allegation.protectionRequested}
          transferRequested={allegation.transferRequested}
        />
      ),
    },
    { key: 'judge.officeConcerned', value: <strong safe>{concernedOffice(tr, allegation)}</strong> },
    {
      key: 'judge.routedAt',
      value: (
        <time datetime={allegation.routedAt} safe>
          {formatMoment(tr.lang, allegation.routedAt)}
        </time>
      ),
    },
    ...(allegation.rerouted === null
      ? []
      : [
          {
            key: 'judge.rerouted' as const,
            value: (
              <>
                <CategoryTag tr={tr} category={allegation.rerouted.from} />{' '}
                <span safe>{allegation.rerouted.reason}</span>
              </>
            ),
          },
        ]),
    ...(allegation.caseNumber === null
      ? []
      : [{ key: 'allegation.caseNumber' as const, value: <span safe>{allegation.caseNumber}</span> }]),
  ];
  return (
    <Layout
      ctx={ctx}
      title={tr.attr('judge.allegation.title', { reference: allegation.reference })}
      errors={errors}
    >
      {props.recorded ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">{tr.t('judge.order.recorded')}</p>
        </div>
      ) : (
        ''
      )}
      <p class="caption">{tr.t('judge.allegation.caption')}</p>
      <h1 class="heading-xl">
        <span class="reference" safe>
          {allegation.reference}
        </span>
      </h1>
      <p class="episode__tags">
        <ComplaintStatusTag tr={tr} status={allegation.status} />
      </p>
      <dl class="summary">
        {rows.map((row) => (
          <div class="summary__row">
            <dt class="summary__key">{tr.t(row.key)}</dt>
            <dd class="summary__value">{row.value}</dd>
          </div>
        ))}
      </dl>
      <div class="notice sealed-notice" role="note">
        <p class="notice__text">{tr.t('judge.noText.one')}</p>
      </div>

      <section class="section" aria-labelledby="clocks-title">
        <h2 class="heading-l" id="clocks-title">
          {tr.t('judge.clock')}
        </h2>
        <p>
          {tr.t('judge.clock.lead')} <RuleTags rules={['kz.allegation.conflict']} />
        </p>
        <ClockTexts tr={tr} now={props.now} />
        <ul class="clock-grid complaint-clocks">
          {allegation.clocks.map((clock) => (
            <li>
              <ComplaintClock tr={tr} clock={clock} now={props.now} headingLevel={3} />
            </li>
          ))}
        </ul>
        {allegation.findings.length > 0 ? (
          <FindingsTable
            tr={tr}
            findings={allegation.findings}
            id="findings"
            caption={tr.attr('complaint.findings', { count: allegation.findings.length })}
          />
        ) : (
          ''
        )}
      </section>

      <section class="section" aria-labelledby="orders-title">
        <h2 class="heading-l" id="orders-title">
          {tr.t('judge.orders')}
        </h2>
        {allegation.orders.length === 0 ? (
          <p>{tr.t('judge.orders.none')}</p>
        ) : (
          <OrdersTable tr={tr} orders={allegation.orders} id="orders" />
        )}
      </section>

      <section class="section" aria-labelledby="order-title">
        <h2 class="heading-l" id="order-title">
          {tr.t('judge.order.title')}
        </h2>
        <p>{tr.t('judge.order.lead')}</p>
        <form class="form" method="post" action={paths.judgeOrder(allegation.reference)} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
          <MomentField
            tr={tr}
            id="orderedAt"
            legend="judge.order.orderedAt"
            hint="judge.order.orderedAt.hint"
            value={{ local: values.orderedAt ?? '', offset: values['orderedAt-offset'] ?? '' }}
            error={errorFor(errors, 'orderedAt')}
          />
          <TextField
            tr={tr}
            id="investigateBy"
            label="judge.order.investigateBy"
            hint="judge.order.investigateBy.hint"
            value={values.investigateBy ?? ''}
            error={errorFor(errors, 'investigateBy')}
            maxlength={200}
          />
          <TextField
            tr={tr}
            id="caseNumber"
            label="allegation.caseNumber"
            hint="judge.order.caseNumber.hint"
            value={values.caseNumber ?? ''}
            error={errorFor(errors, 'caseNumber')}
            width="medium"
            spellcheck={false}
            maxlength={100}
          />
          <button class="button" type="submit">
            {tr.t('judge.order.submit')}
          </button>
        </form>
      </section>
      <script src={paths.custodyScript} defer></script>
    </Layout>
  );
}

/** The judge's orders to investigate, oldest first: each an entry of the log. */
function OrdersTable(props: { tr: Translator; orders: readonly JudgeOrderView[]; id: string }): JSX.Element {
  const { tr } = props;
  return (
    <div class="table-wrap" role="region" aria-labelledby={`${props.id}-caption`} tabindex="0">
      <table class="table">
        <caption class="table__caption" id={`${props.id}-caption`}>
          {tr.t('judge.orders.caption', { count: props.orders.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{tr.t('judge.order.orderedAt')}</th>
            <th scope="col">{tr.t('judge.order.investigateBy')}</th>
            <th scope="col">{tr.t('allegation.caseNumber')}</th>
            <th scope="col">{tr.t('judge.order.by')}</th>
          </tr>
        </thead>
        <tbody>
          {props.orders.map((order) => (
            <tr>
              <td>
                <time datetime={order.orderedAt} safe>
                  {formatMoment(tr.lang, order.orderedAt)}
                </time>
              </td>
              <td safe>{order.investigateBy}</td>
              <td safe>{order.caseNumber ?? '—'}</td>
              <td safe>{order.actorName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
