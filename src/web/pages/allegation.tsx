import type { AllegationSummary, DecisionView } from '../../app/complaint-views.js';
import { TextAreaField } from '../components/custody-fields.js';
import { ComplaintStatusTag, CategoryTag } from '../components/complaint-parts.js';
import { RadioField, TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { ALLEGATION_DECISIONS, DECISION_HINT, DECISION_TEXT, decisionName } from '../complaint-labels.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { Translator } from '../i18n.js';
import { paths } from '../paths.js';

/** The fields of the decision form: those of POST /allegations/{reference}/decisions. */
export const DECISION_FIELDS = ['decision', 'caseNumber', 'joinedWith', 'reason'] as const;

export interface AllegationPageProps {
  ctx: PageContext;
  allegation: AllegationSummary;
  values: FormValues;
  errors: readonly FieldError[];
  /** After POST-redirect-GET: a decision was just recorded. */
  recorded: boolean;
  /** Whether the reader may open the source complaint (complaint.open, with the key unlocked). */
  canOpen: boolean;
}

/**
 * One torture allegation for the procurator (kz.torture.referral): where and when it came, the
 * decisions so far (each a log entry; none replaces another) and the form for the next one. A
 * joined allegation keeps counting (kz.cases.joined): joining needs the case number, discontinuing
 * a reason; both are said beside the field and in the summary when missing.
 */
export function AllegationPage(props: AllegationPageProps): JSX.Element {
  const { ctx, allegation, values, errors } = props;
  const { tr } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={tr.attr('allegation.title', { reference: allegation.reference })}
      errors={errors}
    >
      {props.recorded ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">{tr.t('allegation.recorded')}</p>
        </div>
      ) : (
        ''
      )}
      <p class="caption">{tr.t('allegation.caption')}</p>
      <h1 class="heading-xl">
        <span class="reference" safe>
          {allegation.reference}
        </span>
      </h1>
      <p class="episode__tags">
        <CategoryTag tr={tr} category="torture-or-ill-treatment" />
        <ComplaintStatusTag tr={tr} status={allegation.status} />
      </p>
      <dl class="summary">
        <div class="summary__row">
          <dt class="summary__key">{tr.t('allegation.source')}</dt>
          <dd class="summary__value">
            <span class="reference" safe>
              {allegation.reference}
            </span>
            {props.canOpen ? (
              <>
                {' '}
                <a href={paths.complaint(allegation.reference)}>{tr.t('allegation.openSource')}</a>
              </>
            ) : (
              ''
            )}
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('complaint.facility')}</dt>
          <dd class="summary__value" safe>
            {allegation.facilityName}
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('complaint.submittedAt')}</dt>
          <dd class="summary__value">
            <time datetime={allegation.submittedAt} safe>
              {formatMoment(tr.lang, allegation.submittedAt)}
            </time>
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('complaint.complainant')}</dt>
          <dd class="summary__value">
            {allegation.complainant ? (
              <span safe>{allegation.complainant.name}</span>
            ) : (
              <em>{tr.t('complaint.anonymous')}</em>
            )}
          </dd>
        </div>
        {allegation.caseNumber !== null ? (
          <div class="summary__row">
            <dt class="summary__key">{tr.t('allegation.caseNumber')}</dt>
            <dd class="summary__value" safe>
              {allegation.caseNumber}
            </dd>
          </div>
        ) : (
          ''
        )}
      </dl>
      <p>{tr.t('allegation.counts')}</p>

      <section class="section" aria-labelledby="decisions-title">
        <h2 class="heading-l" id="decisions-title">
          {tr.t('allegation.decisions')}
        </h2>
        {allegation.decisions.length === 0 ? (
          <p>{tr.t('allegation.decisions.none')}</p>
        ) : (
          <DecisionsTable tr={tr} decisions={allegation.decisions} id="decisions" />
        )}
      </section>

      <section class="section" aria-labelledby="decide-title">
        <h2 class="heading-l" id="decide-title">
          {tr.t('allegation.decide.title')}
        </h2>
        <p>{tr.t('allegation.decide.lead')}</p>
        <form class="form" method="post" action={paths.allegationDecisions(allegation.reference)} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
          <RadioField
            tr={tr}
            name="decision"
            legend="allegation.decision"
            choices={ALLEGATION_DECISIONS.map((decision) => ({
              value: decision,
              label: tr.attr(DECISION_TEXT[decision]),
              hint: tr.attr(DECISION_HINT[decision]),
            }))}
            value={values.decision ?? ''}
            error={errorFor(errors, 'decision')}
          />
          <TextField
            tr={tr}
            id="caseNumber"
            label="allegation.caseNumber"
            hint="allegation.caseNumber.hint"
            value={values.caseNumber ?? ''}
            error={errorFor(errors, 'caseNumber')}
            width="medium"
            spellcheck={false}
            maxlength={100}
          />
          <TextField
            tr={tr}
            id="joinedWith"
            label="allegation.joinedWith"
            hint="allegation.joinedWith.hint"
            value={values.joinedWith ?? ''}
            error={errorFor(errors, 'joinedWith')}
            width="medium"
            spellcheck={false}
            maxlength={40}
          />
          <TextAreaField
            tr={tr}
            id="reason"
            label="allegation.reason"
            hint="allegation.reason.hint"
            value={values.reason ?? ''}
            error={errorFor(errors, 'reason')}
            rows={3}
            maxlength={2000}
          />
          <button class="button" type="submit">
            {tr.t('allegation.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** The procurator's decisions on an allegation, oldest first: each an entry of the log. */
export function DecisionsTable(props: {
  tr: Translator;
  decisions: readonly DecisionView[];
  id: string;
}): JSX.Element {
  const { tr } = props;
  return (
    <div class="table-wrap" role="region" aria-labelledby={`${props.id}-caption`} tabindex="0">
      <table class="table">
        <caption class="table__caption" id={`${props.id}-caption`}>
          {tr.t('allegation.decisions.caption', { count: props.decisions.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{tr.t('allegation.decidedAt')}</th>
            <th scope="col">{tr.t('allegation.decision')}</th>
            <th scope="col">{tr.t('allegation.caseNumber')}</th>
            <th scope="col">{tr.t('allegation.reason')}</th>
            <th scope="col">{tr.t('allegation.decidedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {props.decisions.map((decision) => (
            <tr>
              <td>
                <time datetime={decision.decidedAt} safe>
                  {formatMoment(tr.lang, decision.decidedAt)}
                </time>
              </td>
              <td>
                <strong safe>{decisionName(tr, decision.decision)}</strong>
                {decision.joinedWith !== null ? (
                  <>
                    <br />
                    <span class="reference" safe>
                      {decision.joinedWith}
                    </span>
                  </>
                ) : (
                  ''
                )}
              </td>
              <td safe>{decision.caseNumber ?? '—'}</td>
              <td safe>{decision.reason ?? '—'}</td>
              <td safe>{decision.actorName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each decision's words, for the list: "Joined with a case (№ …)". */
export function decisionsText(tr: Translator, decisions: readonly DecisionView[]): string {
  return decisions
    .map((decision) =>
      decision.caseNumber !== null
        ? `${decisionName(tr, decision.decision)} (${decision.caseNumber})`
        : decisionName(tr, decision.decision),
    )
    .join('; ');
}
