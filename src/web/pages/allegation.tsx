import type {
  AllegationSummary,
  CourtOutcomeView,
  DecisionView,
  EvidenceExcludedView,
  SuspectView,
} from '../../app/complaint-views.js';
import { ReadAuditLink } from '../components/audit-link.js';
import { AllegationCaseLinks, type AllegationCase } from '../components/case-links.js';
import { TextAreaField } from '../components/custody-fields.js';
import { ComplaintStatusTag, CategoryTag } from '../components/complaint-parts.js';
import { RadioField, TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { RuleTags } from '../components/rule-tag.js';
import { ALLEGATION_DECISIONS, DECISION_HINT, DECISION_TEXT, decisionName } from '../complaint-labels.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import { paths } from '../paths.js';
import {
  CourtOutcomeForm,
  EvidenceForm,
  OUTCOME_RECORDED,
  OUTCOME_TEXT,
  SENTENCE_TEXT,
  SuspectsForm,
  SuspensionForm,
  type OutcomeKind,
} from './allegation-outcomes.js';

/** The fields of the decision form: those of POST /allegations/{reference}/decisions. */
export const DECISION_FIELDS = ['decision', 'caseNumber', 'joinedWith', 'reason'] as const;

export interface AllegationPageProps {
  ctx: PageContext;
  allegation: AllegationSummary;
  values: FormValues;
  errors: readonly FieldError[];
  /** After POST-redirect-GET: what was just recorded, a decision or an outcome (false: nothing). */
  recorded: false | 'decision' | OutcomeKind;
  /** Whether the reader may open the source complaint (complaint.open, with the key unlocked). */
  canOpen: boolean;
  /** The criminal case the allegation is in (issue 20), if any. */
  inCase?: AllegationCase | null;
}

/**
 * One torture allegation for the procurator (kz.torture.referral): where and when it came, the
 * decisions so far (each a log entry; none replaces another) and the form for the next one. A
 * joined allegation keeps counting (kz.cases.joined): joining needs the case number, discontinuing
 * a reason; both are said beside the field and in the summary when missing. Under the suspects,
 * the court's outcomes and the evidence excluded, the forms that record them
 * (pages/allegation-outcomes.tsx).
 */
export function AllegationPage(props: AllegationPageProps): JSX.Element {
  const { ctx, allegation, values, errors } = props;
  const { tr } = ctx;
  const forms = { ctx, reference: allegation.reference, values, errors };
  return (
    <Layout
      ctx={ctx}
      title={tr.attr('allegation.title', { reference: allegation.reference })}
      errors={errors}
    >
      {props.recorded ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">
            {tr.t(props.recorded === 'decision' ? 'allegation.recorded' : OUTCOME_RECORDED[props.recorded])}
          </p>
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
      <ReadAuditLink ctx={ctx} kind="complaint" record={allegation.reference} />
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
        {allegation.rerouted !== null ? (
          <div class="summary__row">
            <dt class="summary__key">{tr.t('complaint.rerouted.from')}</dt>
            <dd class="summary__value">
              <CategoryTag tr={tr} category={allegation.rerouted.from} />{' '}
              {tr.t('allegation.rerouted', { date: formatMoment(tr.lang, allegation.rerouted.routedAt) })}{' '}
              <span safe>{allegation.rerouted.reason}</span>
            </dd>
          </div>
        ) : (
          ''
        )}
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
      {/* Sealed before the procurator's office had its own key: the authority seals its copy (issue 18 item 5). */}
      {allegation.sealedForProcurator ? (
        ''
      ) : (
        <div class="notice notice--warning" role="note">
          <p class="notice__text">{tr.t('allegation.noCopy')}</p>
        </div>
      )}
      <p>
        {tr.t('allegation.counts')} <RuleTags rules={['kz.cases.joined']} />
      </p>
      <AllegationCaseLinks
        ctx={ctx}
        kind="complaint"
        reference={allegation.reference}
        inCase={props.inCase ?? null}
      />

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

      <section class="section" aria-labelledby="suspects-title">
        <h2 class="heading-l" id="suspects-title">
          {tr.t('allegation.suspects')}
        </h2>
        <p>
          {tr.t('allegation.suspects.lead')} <RuleTags rules={['kz.torture.suspension']} />
        </p>
        {allegation.suspects.length === 0 ? (
          <p>{tr.t('allegation.suspects.none')}</p>
        ) : (
          <SuspectsTable tr={tr} suspects={allegation.suspects} id="suspects" />
        )}
        <SuspectsForm {...forms} />
        <SuspensionForm {...forms} suspects={allegation.suspects} />
      </section>

      <section class="section" aria-labelledby="court-title">
        <h2 class="heading-l" id="court-title">
          {tr.t('allegation.court')}
        </h2>
        <p>
          {tr.t('allegation.court.lead')} <RuleTags rules={['kz.torture.sentencing']} />
        </p>
        {allegation.courtOutcomes.length === 0 ? (
          <p>{tr.t('allegation.court.none')}</p>
        ) : (
          <CourtOutcomesTable tr={tr} outcomes={allegation.courtOutcomes} id="court" />
        )}
        <CourtOutcomeForm {...forms} />
      </section>

      <section class="section" aria-labelledby="evidence-title">
        <h2 class="heading-l" id="evidence-title">
          {tr.t('allegation.evidence')}
        </h2>
        <p>
          {tr.t('allegation.evidence.lead')} <RuleTags rules={['kz.evidence.inadmissible']} />
        </p>
        {allegation.evidenceExcluded.length === 0 ? (
          <p>{tr.t('allegation.evidence.none')}</p>
        ) : (
          <EvidenceTable tr={tr} evidence={allegation.evidenceExcluded} id="evidence" />
        )}
        <EvidenceForm {...forms} />
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

/** kz.torture.suspension: each official identified, when their suspension was due, and whether it came. */
export function SuspectsTable(props: {
  tr: Translator;
  suspects: readonly SuspectView[];
  id: string;
}): JSX.Element {
  const { tr } = props;
  return (
    <div class="table-wrap" role="region" aria-labelledby={`${props.id}-caption`} tabindex="0">
      <table class="table">
        <caption class="table__caption" id={`${props.id}-caption`}>
          {tr.t('allegation.suspects.caption', { count: props.suspects.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{tr.t('allegation.suspects.official')}</th>
            <th scope="col">{tr.t('allegation.suspects.identifiedAt')}</th>
            <th scope="col">{tr.t('allegation.suspects.dueAt')}</th>
            <th scope="col">{tr.t('allegation.suspects.suspended')}</th>
          </tr>
        </thead>
        <tbody>
          {props.suspects.map((suspect) => (
            <tr>
              <td safe>{suspect.official}</td>
              <td>
                <time datetime={suspect.identifiedAt} safe>
                  {formatMoment(tr.lang, suspect.identifiedAt)}
                </time>
              </td>
              <td>
                <time datetime={suspect.dueAt} safe>
                  {formatMoment(tr.lang, suspect.dueAt)}
                </time>
              </td>
              <td>
                {suspect.suspendedAt !== null ? (
                  <>
                    <time datetime={suspect.suspendedAt} safe>
                      {formatMoment(tr.lang, suspect.suspendedAt)}
                    </time>
                    {suspect.suspendedBy !== null ? (
                      <>
                        <br />
                        <span safe>{suspect.suspendedBy}</span>
                      </>
                    ) : (
                      ''
                    )}
                  </>
                ) : (
                  <strong>{tr.t('allegation.suspects.notSuspended')}</strong>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const CONCERN_TEXT: Record<CourtOutcomeView['concerns'][number], MessageKey> = {
  reclassified: 'allegation.court.concern.reclassified',
  'suspended-sentence': 'allegation.court.concern.suspended-sentence',
  'plea-bargain': 'allegation.court.concern.plea-bargain',
};

/** kz.torture.sentencing: the court's outcomes as recorded, each with what it is flagged for. */
export function CourtOutcomesTable(props: {
  tr: Translator;
  outcomes: readonly CourtOutcomeView[];
  id: string;
}): JSX.Element {
  const { tr } = props;
  return (
    <div class="table-wrap" role="region" aria-labelledby={`${props.id}-caption`} tabindex="0">
      <table class="table">
        <caption class="table__caption" id={`${props.id}-caption`}>
          {tr.t('allegation.court.caption', { count: props.outcomes.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{tr.t('allegation.court.at')}</th>
            <th scope="col">{tr.t('allegation.court.outcome')}</th>
            <th scope="col">{tr.t('allegation.court.article')}</th>
            <th scope="col">{tr.t('allegation.court.sentence')}</th>
            <th scope="col">{tr.t('allegation.court.flagged')}</th>
            <th scope="col">{tr.t('allegation.recordedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {props.outcomes.map((outcome) => (
            <tr>
              <td>
                <time datetime={outcome.at} safe>
                  {formatMoment(tr.lang, outcome.at)}
                </time>
              </td>
              <td>{tr.t(OUTCOME_TEXT[outcome.outcome])}</td>
              <td safe>{outcome.article}</td>
              <td>
                {outcome.sentence === null
                  ? '—'
                  : outcome.sentence.months === null
                    ? tr.t(SENTENCE_TEXT[outcome.sentence.kind])
                    : `${tr.t(SENTENCE_TEXT[outcome.sentence.kind])}, ${tr.t('allegation.court.months', { count: outcome.sentence.months })}`}
              </td>
              <td>
                {outcome.concerns.length === 0 ? (
                  '—'
                ) : (
                  <strong>{outcome.concerns.map((concern) => tr.t(CONCERN_TEXT[concern])).join('; ')}</strong>
                )}
              </td>
              <td safe>{outcome.actorName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** kz.evidence.inadmissible: evidence excluded from the case, oldest first. */
export function EvidenceTable(props: {
  tr: Translator;
  evidence: readonly EvidenceExcludedView[];
  id: string;
}): JSX.Element {
  const { tr } = props;
  return (
    <div class="table-wrap" role="region" aria-labelledby={`${props.id}-caption`} tabindex="0">
      <table class="table">
        <caption class="table__caption" id={`${props.id}-caption`}>
          {tr.t('allegation.evidence.caption', { count: props.evidence.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{tr.t('allegation.evidence.at')}</th>
            <th scope="col">{tr.t('allegation.evidence.description')}</th>
            <th scope="col">{tr.t('allegation.recordedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {props.evidence.map((excluded) => (
            <tr>
              <td>
                <time datetime={excluded.at} safe>
                  {formatMoment(tr.lang, excluded.at)}
                </time>
              </td>
              <td safe>{excluded.description}</td>
              <td safe>{excluded.actorName ?? '—'}</td>
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
