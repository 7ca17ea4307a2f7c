import type { CaseView, DefendantView, OfficialListRow } from '../../app/cases.js';
import {
  APPEAL_PARTIES,
  APPEAL_RESULTS,
  DECIDING_BODIES,
  DISCONTINUATION_GROUNDS,
  DOCUMENT_AUTHORS,
  DOCUMENT_KINDS,
  REDRESS_BODIES,
  REDRESS_CATEGORIES,
  REDRESS_PURPOSES,
  REHABILITATION_MEASURES,
  VERDICT_OUTCOMES,
} from '../../domain/cases/events.js';
import {
  agencyName,
  allegationSourceName,
  appealPartyName,
  appealResultName,
  caseStepName,
  decidingBodyName,
  defendantStageName,
  defendantStepName,
  discontinuationGroundName,
  documentAuthorName,
  documentKindName,
  redressBodyName,
  redressCategoryName,
  redressPurposeName,
  rehabilitationMeasureName,
  verdictOutcomeName,
} from '../case-labels.js';
import { WHOLE_CASE, type CaseFormKind } from '../case-forms.js';
import {
  CaseDate,
  CaseFormShell,
  ChecklistField,
  CourtFields,
  FlagNotice,
  SentenceFields,
  type FieldsProps,
} from '../components/case-form-parts.js';
import { FieldMessage } from '../components/error-summary.js';
import { CheckboxField, MomentField, SelectField, TextAreaField } from '../components/custody-fields.js';
import { RadioField, TextField, type Choice } from '../components/fields.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { formatDate } from '../format.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import { paths } from '../paths.js';
import { regionName } from '../region-labels.js';

/*
 * The procurator's forms for every step of a criminal case file (issue 20 item 9): joining an
 * allegation, identifying a suspect from the register of officials, the file's own steps
 * (investigating body and tags, victims, documents by digest, compensation and its payments,
 * rehabilitation, excluded evidence, void decisions, discontinuation and resumption, sending to
 * court) and each defendant's (suspension, charge, verdict, appeal and its decision). Each is a
 * page of its own at the address it posts to (src/web/routes/case-forms.tsx); a refusal comes back
 * on the same page with the rule's sentence at its field and everything typed kept. Every form
 * works without JavaScript; the documents form's file picker only fills the digest in.
 */

export interface CaseFormPageProps {
  ctx: PageContext;
  kind: CaseFormKind;
  view: CaseView;
  values: FormValues;
  lists: Record<string, string[]>;
  errors: readonly FieldError[];
  /** Today in Kazakhstan (YYYY-MM-DD): the latest date the date pickers offer. */
  today: string;
  /** The defendant the form is about (the defendant's steps). */
  defendant?: DefendantView;
  /** The award the payment is of. */
  redressId?: string;
  /** The suspects form's search of the register, and what it found. */
  search?: { q: string; officials: OfficialListRow[]; more: boolean };
}

/** Tenge as the reader writes numbers: "1 500 000 тенге". */
export function tenge(tr: Translator, amount: number): string {
  return tr.attr('caseForm.tenge', { amount: new Intl.NumberFormat(tr.lang).format(amount) });
}

/** A document as a choice: its title, with its kind and date. */
function documentChoice(tr: Translator, document: CaseView['documents'][number]): Choice {
  return {
    value: document.documentId,
    label: document.title,
    hint: `${documentKindName(tr, document.kind)}, ${formatDate(tr.lang, document.dated)}`,
  };
}

/** A victim as a choice: the name, and since when recognised. */
function victimChoices(tr: Translator, view: CaseView): Choice[] {
  return view.victims.map((victim) => ({
    value: victim.victimId,
    label: victim.name,
    hint: tr.attr('caseForm.victim.since', { date: formatDate(tr.lang, victim.recognisedOn) }),
  }));
}

/** A defendant as a choice: the name, with the post and where the prosecution stands. */
function defendantChoice(tr: Translator, defendant: DefendantView): Choice {
  const post = [defendant.position, defendant.agency === null ? null : agencyName(tr, defendant.agency)]
    .filter((part): part is string => part !== null && part !== '')
    .join(', ');
  const stage = defendantStageName(tr, defendant.stage);
  return {
    value: defendant.officialId,
    label: defendant.name,
    hint: post === '' ? stage : `${post}. ${stage}`,
  };
}

const choices = (tr: Translator, codes: readonly string[], name: (tr: Translator, code: string) => string) =>
  codes.map((code) => ({ value: code, label: name(tr, code) }));

/** The defendant's facts above their forms: who, where the prosecution stands, the charge. */
function defendantSummary(tr: Translator, defendant: DefendantView): { key: MessageKey; value: string }[] {
  const charge = defendant.charges.at(-1);
  return [
    { key: 'caseForm.defendant', value: defendantChoice(tr, defendant).label },
    { key: 'caseForm.defendant.stage', value: defendantStageName(tr, defendant.stage) },
    ...(charge
      ? [
          {
            key: 'caseForm.defendant.charge' as MessageKey,
            value: tr.attr('caseForm.defendant.chargeValue', {
              article: charge.article,
              date: formatDate(tr.lang, charge.chargedOn),
            }),
          },
        ]
      : []),
    ...(defendant.court
      ? [
          {
            key: 'caseForm.defendant.court' as MessageKey,
            value: `${defendant.court.name}, ${regionName(tr, defendant.court.region)}`,
          },
        ]
      : []),
  ];
}

export function CaseFormPage(props: CaseFormPageProps): JSX.Element {
  const { ctx, kind, view } = props;
  const { tr } = ctx;
  const fields: FieldsProps = { tr, values: props.values, errors: props.errors };
  const shell = {
    ctx,
    view,
    errors: props.errors,
    submit: `caseForm.${kind}.submit` as MessageKey,
    lead: `caseForm.${kind}.lead` as MessageKey,
  };
  const date = (id: string, label: MessageKey, hint?: MessageKey) => (
    <CaseDate {...fields} id={id} label={label} {...(hint ? { hint } : {})} today={props.today} />
  );
  const value = (field: string) => props.values[field] ?? '';
  const error = (field: string) => errorFor(props.errors, field);
  const text = (
    id: string,
    label: MessageKey,
    hint?: MessageKey,
    options: { width?: 'short' | 'medium'; maxlength?: number; numeric?: boolean } = {},
  ) => (
    <TextField
      tr={tr}
      id={id}
      label={label}
      {...(hint ? { hint } : {})}
      value={value(id)}
      error={error(id)}
      maxlength={options.maxlength ?? 200}
      {...(options.width ? { width: options.width } : {})}
      {...(options.numeric ? { inputmode: 'numeric' as const } : {})}
    />
  );
  const area = (id: string, label: MessageKey, hint?: MessageKey) => (
    <TextAreaField
      tr={tr}
      id={id}
      label={label}
      {...(hint ? { hint } : {})}
      value={value(id)}
      error={error(id)}
      rows={4}
      maxlength={4000}
    />
  );
  const radios = (name: string, legend: MessageKey, list: readonly Choice[], hint?: MessageKey) => (
    <RadioField
      tr={tr}
      name={name}
      legend={legend}
      {...(hint ? { hint } : {})}
      choices={list}
      value={value(name)}
      error={error(name)}
    />
  );
  const decidedBy = radios('by', 'caseForm.decidedBy', choices(tr, DECIDING_BODIES, decidingBodyName));
  const action = paths.caseStep(view.id, kind);

  switch (kind) {
    case 'allegations':
      return (
        <CaseFormShell {...shell} title={caseStepName(tr, kind)} action={action} rules={['kz.cases.joined']}>
          {radios(
            'kind',
            'caseForm.sourceKind',
            choices(tr, ['complaint', 'medical-referral'], allegationSourceName),
          )}
          {text('reference', 'caseForm.reference', 'caseForm.reference.hint', {
            width: 'medium',
            maxlength: 64,
          })}
          {date('joinedOn', 'caseForm.joinedOn')}
        </CaseFormShell>
      );

    case 'suspects':
      return <SuspectsForm {...props} />;

    case 'update':
      return (
        <CaseFormShell {...shell} title={caseStepName(tr, kind)} action={action}>
          {text('investigatingBody', 'caseForm.investigatingBody', 'caseForm.investigatingBody.hint')}
          {text('tags', 'caseForm.tags', 'caseForm.tags.hint', { maxlength: 500 })}
          {area('reason', 'caseForm.update.reason', 'caseForm.update.reason.hint')}
        </CaseFormShell>
      );

    case 'victims':
      return (
        <CaseFormShell {...shell} title={caseStepName(tr, kind)} action={action}>
          {text('name', 'caseForm.victimName', 'caseForm.victimName.hint')}
          {text('personId', 'caseForm.personId', 'caseForm.personId.hint', {
            width: 'medium',
            maxlength: 64,
          })}
          {date('recognisedOn', 'caseForm.recognisedOn')}
        </CaseFormShell>
      );

    case 'documents':
      return <DocumentForm {...props} />;

    case 'redress':
      return (
        <CaseFormShell
          {...shell}
          title={caseStepName(tr, kind)}
          action={action}
          rules={['kz.redress.fund']}
          {...(view.victims.length === 0 ? { unavailable: 'caseForm.noVictims' as MessageKey } : {})}
        >
          {radios('victimId', 'caseForm.victim', victimChoices(tr, view))}
          {radios(
            'by',
            'caseForm.redressBy',
            choices(tr, REDRESS_BODIES, redressBodyName),
            'caseForm.redressBy.hint',
          )}
          {radios(
            'category',
            'caseForm.category',
            choices(tr, REDRESS_CATEGORIES, redressCategoryName),
            'caseForm.category.hint',
          )}
          {radios('purpose', 'caseForm.purpose', choices(tr, REDRESS_PURPOSES, redressPurposeName))}
          {text('amountKzt', 'caseForm.amountKzt', 'caseForm.amountKzt.hint', {
            width: 'medium',
            maxlength: 20,
            numeric: true,
          })}
          {date('decidedOn', 'caseForm.redressDecidedOn')}
        </CaseFormShell>
      );

    case 'payments':
      return <PaymentForm {...props} />;

    case 'rehabilitation':
      return (
        <CaseFormShell
          {...shell}
          title={caseStepName(tr, kind)}
          action={action}
          rules={['kz.redress.fund']}
          {...(view.victims.length === 0 ? { unavailable: 'caseForm.noVictims' as MessageKey } : {})}
        >
          {radios('victimId', 'caseForm.victim', victimChoices(tr, view))}
          {radios(
            'measure',
            'caseForm.measure',
            choices(tr, REHABILITATION_MEASURES, rehabilitationMeasureName),
          )}
          {area(
            'description',
            'caseForm.rehabilitation.description',
            'caseForm.rehabilitation.description.hint',
          )}
          {date('providedOn', 'caseForm.providedOn')}
        </CaseFormShell>
      );

    case 'evidence-exclusions': {
      const documents = view.documents.filter((document) => document.excludedBy === null);
      return (
        <CaseFormShell
          {...shell}
          title={caseStepName(tr, kind)}
          action={action}
          rules={['kz.evidence.inadmissible']}
        >
          {area('description', 'caseForm.exclusion.description', 'caseForm.exclusion.description.hint')}
          <SelectField
            tr={tr}
            id="documentId"
            label="caseForm.exclusion.document"
            hint="caseForm.exclusion.document.hint"
            placeholder="caseForm.exclusion.document.none"
            choices={documents.map((document) => {
              const choice = documentChoice(tr, document);
              return { value: choice.value, label: `${choice.label} (${choice.hint ?? ''})` };
            })}
            value={value('documentId')}
            error={error('documentId')}
          />
          {decidedBy}
          {date('excludedOn', 'caseForm.excludedOn')}
        </CaseFormShell>
      );
    }

    case 'nullities': {
      const decisions = view.documents.filter(
        (document) => document.kind === 'decision' && document.voidedBy === null,
      );
      return (
        <CaseFormShell
          {...shell}
          title={caseStepName(tr, kind)}
          action={action}
          rules={['kz.torture.nullity']}
          {...(decisions.length === 0 ? { unavailable: 'caseForm.noDecisions' as MessageKey } : {})}
        >
          <ChecklistField
            tr={tr}
            name="documentIds"
            legend="caseForm.nullity.decisions"
            hint="caseForm.nullity.decisions.hint"
            choices={decisions.map((document) => documentChoice(tr, document))}
            checked={props.lists.documentIds ?? []}
            error={error('documentIds')}
          />
          {area('basis', 'caseForm.nullity.basis', 'caseForm.nullity.basis.hint')}
          {decidedBy}
          {date('voidedOn', 'caseForm.voidedOn')}
        </CaseFormShell>
      );
    }

    case 'discontinuations': {
      const open = view.defendants.filter(
        (defendant) => !['convicted', 'acquitted', 'discontinued'].includes(defendant.stage),
      );
      return (
        <CaseFormShell {...shell} title={caseStepName(tr, kind)} action={action}>
          {radios(
            'officialId',
            'caseForm.whose',
            [
              { value: WHOLE_CASE, label: tr.attr('caseForm.whose.case') },
              ...open.map((defendant) => defendantChoice(tr, defendant)),
            ],
            'caseForm.whose.hint',
          )}
          {radios(
            'ground',
            'caseForm.ground',
            choices(tr, DISCONTINUATION_GROUNDS, discontinuationGroundName),
          )}
          {view.documents.length > 0 ? (
            <ChecklistField
              tr={tr}
              name="evidence"
              legend="caseForm.evidence"
              hint="caseForm.evidence.hint"
              choices={view.documents.map((document) => documentChoice(tr, document))}
              checked={props.lists.evidence ?? []}
              error={error('evidence')}
            />
          ) : (
            <p class="field__hint">{tr.t('caseForm.evidence.none')}</p>
          )}
          {area('reason', 'caseForm.discontinuation.reason', 'caseForm.discontinuation.reason.hint')}
          {date('discontinuedOn', 'caseForm.discontinuedOn')}
        </CaseFormShell>
      );
    }

    case 'resumptions': {
      const whole = view.status === 'discontinued' && view.discontinuations.at(-1)?.resumed === null;
      const stopped = view.defendants.filter((defendant) => defendant.stage === 'discontinued');
      const list = [
        ...(whole ? [{ value: WHOLE_CASE, label: tr.attr('caseForm.whose.case') }] : []),
        ...stopped.map((defendant) => defendantChoice(tr, defendant)),
      ];
      return (
        <CaseFormShell
          {...shell}
          title={caseStepName(tr, kind)}
          action={action}
          {...(list.length === 0 ? { unavailable: 'caseForm.nothingDiscontinued' as MessageKey } : {})}
        >
          {radios('officialId', 'caseForm.resumeWhose', list)}
          {decidedBy}
          {area('reason', 'caseForm.resumption.reason', 'caseForm.resumption.reason.hint')}
          {date('resumedOn', 'caseForm.resumedOn')}
        </CaseFormShell>
      );
    }

    case 'court-referrals': {
      const charged = view.defendants.filter((defendant) => defendant.stage === 'charged');
      return (
        <CaseFormShell
          {...shell}
          title={caseStepName(tr, kind)}
          action={action}
          {...(charged.length === 0 ? { unavailable: 'caseForm.noneCharged' as MessageKey } : {})}
        >
          <ChecklistField
            tr={tr}
            name="officialIds"
            legend="caseForm.referral.defendants"
            hint="caseForm.referral.defendants.hint"
            choices={charged.map((defendant) => ({
              value: defendant.officialId,
              label: defendant.name,
              hint: tr.attr('caseForm.defendant.chargeValue', {
                article: defendant.charges.at(-1)?.article ?? '',
                date: formatDate(tr.lang, defendant.charges.at(-1)?.chargedOn ?? ''),
              }),
            }))}
            checked={props.lists.officialIds ?? []}
            error={error('officialIds')}
          />
          <CourtFields {...fields} legend="caseForm.court" />
          {date('sentOn', 'caseForm.sentOn')}
        </CaseFormShell>
      );
    }

    case 'suspension':
    case 'charges':
    case 'verdicts':
    case 'appeals':
    case 'appeal-decisions':
      return <DefendantForm {...props} kind={kind} />;
  }
}

/**
 * kz.torture.suspension: an official of the register named as a suspect. The register is searched
 * by name with a GET form on this page (no script), the officials found are radios, and the moment
 * of identification starts the 24-hour clock.
 */
function SuspectsForm(props: CaseFormPageProps): JSX.Element {
  const { ctx, view } = props;
  const { tr } = ctx;
  const search = props.search ?? { q: '', officials: [], more: false };
  const named = new Set(view.defendants.map((defendant) => defendant.officialId));
  const officials = search.officials.filter((official) => !named.has(official.id));
  const action = paths.caseStep(view.id, 'suspects');
  return (
    <CaseFormShell
      ctx={ctx}
      view={view}
      errors={props.errors}
      title={caseStepName(tr, 'suspects')}
      lead="caseForm.suspects.lead"
      rules={['kz.torture.suspension']}
      action={action}
      submit="caseForm.suspects.submit"
      before={<OfficialSearch tr={tr} caseId={view.id} q={search.q} />}
    >
      <input type="hidden" name="q" value={search.q} />
      {officials.length > 0 ? (
        <RadioField
          tr={tr}
          name="officialId"
          legend="caseForm.suspects.official"
          hint={search.more ? 'caseForm.suspects.more' : 'caseForm.suspects.official.hint'}
          choices={officials.map((official) => ({
            value: official.id,
            label: official.name,
            hint: [official.position, agencyName(tr, official.agency), regionName(tr, official.region)]
              .filter((part) => part !== '')
              .join(', '),
          }))}
          value={props.values.officialId ?? ''}
          error={errorFor(props.errors, 'officialId')}
        />
      ) : (
        <div class={['field', errorFor(props.errors, 'officialId') && 'field--error']}>
          <FieldMessage tr={tr} id="officialId" error={errorFor(props.errors, 'officialId')} />
          <p class="field__hint" id="officialId" tabindex="-1">
            {tr.t(search.q === '' ? 'caseForm.suspects.empty' : 'caseForm.suspects.none', { q: search.q })}
          </p>
        </div>
      )}
      <p>
        <a href={paths.officialNew}>{tr.t('caseForm.suspects.register')}</a>
      </p>
      <MomentField
        tr={tr}
        id="identifiedAt"
        legend="caseForm.identifiedAt"
        hint="caseForm.identifiedAt.hint"
        value={{ local: props.values.identifiedAt ?? '', offset: props.values['identifiedAt-offset'] ?? '' }}
        error={errorFor(props.errors, 'identifiedAt')}
      />
    </CaseFormShell>
  );
}

/** The register's search, above the suspects form: a GET to the same page (names stay in the procurator's browser). */
function OfficialSearch(props: { tr: Translator; caseId: string; q: string }): JSX.Element {
  const { tr } = props;
  return (
    <form class="form" method="get" action={paths.caseStep(props.caseId, 'suspects')} role="search">
      <div class="field">
        <label class="field__label" for="q">
          {tr.t('caseForm.suspects.search')}
        </label>
        <p class="field__hint" id="q-hint">
          {tr.t('caseForm.suspects.search.hint')}
        </p>
        <input
          class="input input--medium"
          id="q"
          name="q"
          type="search"
          value={props.q}
          maxlength={200}
          autocomplete="off"
          aria-describedby="q-hint"
        />
      </div>
      <button class="button button--secondary" type="submit">
        {tr.t('caseForm.suspects.search.submit')}
      </button>
    </form>
  );
}

/**
 * A document of the file by its digest (seed ¶7): SHA-256, size and media type. The file itself
 * is never sent: with JavaScript the procurator may pick it and the browser fills the three fields
 * from its bytes (public/case-forms.js); without, they are typed from the electronic file.
 */
function DocumentForm(props: CaseFormPageProps): JSX.Element {
  const { ctx, view, values, errors } = props;
  const { tr } = ctx;
  const error = (field: string) => errorFor(errors, field);
  return (
    <CaseFormShell
      ctx={ctx}
      view={view}
      errors={errors}
      title={caseStepName(tr, 'documents')}
      lead="caseForm.documents.lead"
      rules={['kz.defence.file']}
      action={paths.caseStep(view.id, 'documents')}
      submit="caseForm.documents.submit"
    >
      <SelectField
        tr={tr}
        id="kind"
        label="caseForm.documentKind"
        placeholder="caseForm.choose"
        choices={choices(tr, DOCUMENT_KINDS, documentKindName)}
        value={values.kind ?? ''}
        error={error('kind')}
      />
      <TextField
        tr={tr}
        id="title"
        label="caseForm.documentTitle"
        hint="caseForm.documentTitle.hint"
        value={values.title ?? ''}
        error={error('title')}
        maxlength={200}
      />
      <CaseDate
        tr={tr}
        values={values}
        errors={errors}
        id="dated"
        label="caseForm.dated"
        today={props.today}
      />
      <SelectField
        tr={tr}
        id="submittedBy"
        label="caseForm.submittedBy"
        hint="caseForm.submittedBy.hint"
        placeholder="caseForm.choose"
        choices={choices(tr, DOCUMENT_AUTHORS, documentAuthorName)}
        value={values.submittedBy ?? ''}
        error={error('submittedBy')}
      />
      <fieldset class="fieldset" aria-describedby="digest-hint" data-digest>
        <legend class="fieldset__legend">{tr.t('caseForm.digest')}</legend>
        <p class="field__hint" id="digest-hint">
          {tr.t('caseForm.digest.hint')}
        </p>
        <div
          class="field"
          data-digest-picker
          data-computing={tr.attr('caseForm.digest.computing')}
          data-done={tr.attr('caseForm.digest.done')}
          data-failed={tr.attr('caseForm.digest.failed')}
          hidden
        >
          <label class="field__label" for="digest-file">
            {tr.t('caseForm.digest.file')}
          </label>
          <p class="field__hint" id="digest-file-hint">
            {tr.t('caseForm.digest.file.hint')}
          </p>
          {/* No name: the file is read in the browser and never sent. */}
          <input id="digest-file" type="file" aria-describedby="digest-file-hint digest-status" />
          <p class="field__hint" id="digest-status" role="status" aria-live="polite"></p>
        </div>
        <TextField
          tr={tr}
          id="sha256"
          label="caseForm.sha256"
          hint="caseForm.sha256.hint"
          value={values.sha256 ?? ''}
          error={error('sha256')}
          spellcheck={false}
          maxlength={64}
        />
        <TextField
          tr={tr}
          id="size"
          label="caseForm.size"
          hint="caseForm.size.hint"
          value={values.size ?? ''}
          error={error('size')}
          width="medium"
          maxlength={20}
          inputmode="numeric"
        />
        <MediaTypeField tr={tr} value={values.mediaType ?? ''} error={error('mediaType')} />
      </fieldset>
      <script src={paths.caseFormsScript} defer></script>
    </CaseFormShell>
  );
}

/** The media type, with examples as code (they are the same in every language). */
function MediaTypeField(props: {
  tr: Translator;
  value: string;
  error: FieldError | undefined;
}): JSX.Element {
  const { tr, error } = props;
  return (
    <div class={['field', error && 'field--error']}>
      <label class="field__label" for="mediaType">
        {tr.t('caseForm.mediaType')}
      </label>
      <p class="field__hint" id="mediaType-hint">
        {tr.t('caseForm.mediaType.hint')} <code>application/pdf</code>, <code>video/mp4</code>
      </p>
      <FieldMessage tr={tr} id="mediaType" error={error} />
      <input
        class={['input', 'input--medium', error && 'input--error']}
        id="mediaType"
        name="mediaType"
        type="text"
        value={props.value}
        spellcheck="false"
        autocomplete="off"
        maxlength={100}
        aria-describedby={error ? 'mediaType-hint mediaType-error' : 'mediaType-hint'}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

/** kz.redress.fund: a payment of one award, never more than is left of it. */
function PaymentForm(props: CaseFormPageProps): JSX.Element {
  const { ctx, view, values, errors } = props;
  const { tr } = ctx;
  const redress = view.redress.find((candidate) => candidate.redressId === props.redressId);
  if (!redress) return '';
  const victim = view.victims.find((candidate) => candidate.victimId === redress.victimId);
  const left = redress.amountKzt - redress.paidKzt;
  return (
    <CaseFormShell
      ctx={ctx}
      view={view}
      errors={errors}
      title={tr.attr('caseForm.payments.title')}
      lead="caseForm.payments.lead"
      rules={['kz.redress.fund']}
      action={paths.casePayment(view.id, redress.redressId)}
      submit="caseForm.payments.submit"
      summary={[
        { key: 'caseForm.victim', value: victim?.name ?? '' },
        {
          key: 'caseForm.payment.award',
          value: `${redressBodyName(tr, redress.by)}: ${redressCategoryName(tr, redress.category)}, ${redressPurposeName(tr, redress.purpose)}`,
        },
        {
          key: 'caseForm.payment.decided',
          value: tr.attr('caseForm.payment.decidedValue', {
            amount: tenge(tr, redress.amountKzt),
            date: formatDate(tr.lang, redress.decidedOn),
          }),
        },
        { key: 'caseForm.payment.paid', value: tenge(tr, redress.paidKzt) },
        { key: 'caseForm.payment.left', value: tenge(tr, left) },
      ]}
      {...(left <= 0 ? { unavailable: 'caseForm.payment.paidInFull' as MessageKey } : {})}
    >
      <TextField
        tr={tr}
        id="amountKzt"
        label="caseForm.payment.amount"
        hint="caseForm.amountKzt.hint"
        value={values.amountKzt ?? ''}
        error={errorFor(errors, 'amountKzt')}
        width="medium"
        maxlength={20}
        inputmode="numeric"
      />
      <CaseDate
        tr={tr}
        values={values}
        errors={errors}
        id="paidOn"
        label="caseForm.paidOn"
        today={props.today}
      />
    </CaseFormShell>
  );
}

/** Whether a defendant's form can be used now; otherwise why not (the service would refuse it). */
function defendantUnavailable(
  kind: 'suspension' | 'charges' | 'verdicts' | 'appeals' | 'appeal-decisions',
  defendant: DefendantView,
): MessageKey | null {
  switch (kind) {
    case 'suspension':
      return defendant.suspension ? 'caseForm.suspension.already' : null;
    case 'charges':
      return defendant.stage === 'suspect' || defendant.stage === 'charged'
        ? null
        : 'caseForm.charges.closed';
    case 'verdicts':
      return defendant.court === null || defendant.stage === 'discontinued'
        ? 'caseForm.verdicts.notInCourt'
        : defendant.final !== null
          ? 'caseForm.verdicts.standing'
          : null;
    case 'appeals':
      return defendant.final === null
        ? 'caseForm.appeals.noVerdict'
        : defendant.appeals.some((appeal) => appeal.decided === null)
          ? 'caseForm.appeals.pending'
          : null;
    case 'appeal-decisions':
      return defendant.appeals.some((appeal) => appeal.decided === null)
        ? null
        : 'caseForm.appealDecisions.none';
  }
}

/** One defendant's steps: suspension, charge, verdict, appeal, the appeal court's decision. */
function DefendantForm(
  props: CaseFormPageProps & { kind: 'suspension' | 'charges' | 'verdicts' | 'appeals' | 'appeal-decisions' },
): JSX.Element {
  const { ctx, view, values, errors, kind } = props;
  const defendant = props.defendant;
  if (!defendant) return '';
  const { tr } = ctx;
  const fields: FieldsProps = { tr, values, errors };
  const unavailable = defendantUnavailable(kind, defendant);
  const shell = {
    ctx,
    view,
    errors,
    title: `${defendantStepName(tr, kind)}: ${defendant.name}`,
    lead: `caseForm.${kind}.lead` as MessageKey,
    action: paths.caseDefendantStep(view.id, defendant.officialId, kind),
    submit: `caseForm.${kind}.submit` as MessageKey,
    summary: defendantSummary(tr, defendant),
    ...(unavailable ? { unavailable } : {}),
  };
  const date = (id: string, label: MessageKey) => (
    <CaseDate {...fields} id={id} label={label} today={props.today} />
  );
  const outcomes = VERDICT_OUTCOMES.map((outcome) => ({
    value: outcome,
    label: verdictOutcomeName(tr, outcome),
  }));
  const article = (label: MessageKey, hint: MessageKey) => (
    <TextField
      tr={tr}
      id="article"
      label={label}
      hint={hint}
      value={values.article ?? ''}
      error={errorFor(errors, 'article')}
      width="medium"
      maxlength={64}
    />
  );
  switch (kind) {
    case 'suspension':
      return (
        <CaseFormShell
          {...shell}
          rules={['kz.torture.suspension']}
          summary={[
            ...shell.summary,
            { key: 'caseForm.defendant.identifiedAt', value: formatMoment(tr.lang, defendant.identifiedAt) },
          ]}
        >
          <MomentField
            tr={tr}
            id="suspendedAt"
            legend="caseForm.suspendedAt"
            hint="caseForm.suspendedAt.hint"
            value={{ local: values.suspendedAt ?? '', offset: values['suspendedAt-offset'] ?? '' }}
            error={errorFor(errors, 'suspendedAt')}
          />
          <TextField
            tr={tr}
            id="orderedBy"
            label="caseForm.orderedBy"
            hint="caseForm.orderedBy.hint"
            value={values.orderedBy ?? ''}
            error={errorFor(errors, 'orderedBy')}
            maxlength={200}
          />
        </CaseFormShell>
      );
    case 'charges':
      return (
        <CaseFormShell {...shell} rules={['kz.torture.sentencing']}>
          {article('caseForm.article', 'caseForm.article.hint')}
          <FlagNotice tr={tr} text="caseForm.charges.notice" rules={['kz.torture.sentencing']} />
          {date('chargedOn', 'caseForm.chargedOn')}
        </CaseFormShell>
      );
    case 'verdicts':
      return (
        <CaseFormShell {...shell} rules={['kz.torture.sentencing']}>
          <FlagNotice tr={tr} text="caseForm.verdicts.notice" rules={['kz.torture.sentencing']} />
          <CourtFields {...fields} legend="caseForm.court" />
          <RadioField
            tr={tr}
            name="outcome"
            legend="caseForm.outcome"
            choices={outcomes}
            value={values.outcome ?? ''}
            error={errorFor(errors, 'outcome')}
          />
          {article('caseForm.verdictArticle', 'caseForm.verdictArticle.hint')}
          <SentenceFields {...fields} legend="caseForm.sentence">
            <CheckboxField
              tr={tr}
              id="pleaAgreement"
              label="caseForm.pleaAgreement"
              hint="caseForm.pleaAgreement.hint"
              checked={values.pleaAgreement === 'yes'}
              error={undefined}
            />
          </SentenceFields>
          {date('decidedOn', 'caseForm.verdictDate')}
        </CaseFormShell>
      );
    case 'appeals':
      return (
        <CaseFormShell {...shell}>
          <RadioField
            tr={tr}
            name="by"
            legend="caseForm.appealBy"
            choices={APPEAL_PARTIES.map((party) => ({ value: party, label: appealPartyName(tr, party) }))}
            value={values.by ?? ''}
            error={errorFor(errors, 'by')}
          />
          {date('filedOn', 'caseForm.filedOn')}
        </CaseFormShell>
      );
    case 'appeal-decisions':
      return (
        <CaseFormShell {...shell} rules={['kz.torture.sentencing']}>
          <CourtFields {...fields} legend="caseForm.appealCourt" />
          <RadioField
            tr={tr}
            name="result"
            legend="caseForm.result"
            choices={APPEAL_RESULTS.map((result) => ({ value: result, label: appealResultName(tr, result) }))}
            value={values.result ?? ''}
            error={errorFor(errors, 'result')}
          />
          <fieldset class="fieldset" aria-describedby="changed-hint">
            <legend class="fieldset__legend">{tr.t('caseForm.changed')}</legend>
            <p class="field__hint" id="changed-hint">
              {tr.t('caseForm.changed.hint')}
            </p>
            <FlagNotice tr={tr} text="caseForm.appeal-decisions.notice" rules={['kz.torture.sentencing']} />
            <RadioField
              tr={tr}
              name="outcome"
              legend="caseForm.outcome"
              choices={outcomes}
              value={values.outcome ?? ''}
              error={errorFor(errors, 'outcome')}
            />
            {article('caseForm.verdictArticle', 'caseForm.changedArticle.hint')}
            <SentenceFields {...fields} legend="caseForm.sentence" />
          </fieldset>
          {date('decidedOn', 'caseForm.appealDate')}
        </CaseFormShell>
      );
  }
}
