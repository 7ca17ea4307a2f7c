import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../access/policy.js';
import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../app/access.js';
import { Purpose } from '../../app/audit.js';
import { caseStatusOfAllegation } from '../../app/cases.js';
import type { AllegationSummary, ComplaintView } from '../../app/complaint-views.js';
import {
  answerComplaint,
  closeComplaint,
  decideProtectionRequest,
  countAllegations,
  countComplaints,
  countProtectionRequests,
  listAllegations,
  listComplaints,
  MAX_PAGE,
  pageProtectionRequests,
  readComplaint,
  recordAllegationDecision,
  recordAllegationOutcome,
  recordReceivedComplaint,
  routeComplaint,
  type ComplaintServices,
} from '../../app/complaints.js';
import {
  AccessDeniedError,
  ConflictError,
  InvalidInputError,
  NotFoundError,
  RefusedError,
  UnavailableError,
} from '../../app/errors.js';
import {
  countJudgeAllegations,
  listJudgeAllegations,
  readJudgeAllegation,
  recordJudgeOrder,
} from '../../app/judge-allegations.js';
import { isMedicalReferral } from '../../app/medical-person.js';
import { hasSealingKey, SEALING_RECIPIENT_OF, sealingHolder, sealingOf } from '../../app/sealing-session.js';
import { listFacilities } from '../../app/registry.js';
import { parseInput } from '../../app/validate.js';
import { COURT_OUTCOMES, RECEIVED_CHANNELS, SENTENCE_KINDS } from '../../domain/complaints/events.js';
import type { AllegationOutcomeInput } from '../../domain/complaints/inputs.js';
import { normaliseReference } from '../../domain/complaints/reference.js';
import { ACCEPTED_REGION_CODES } from '../../domain/registry/regions.js';
import type { Store } from '../../store/types.js';
import {
  ALLEGATION_DECISIONS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  CONCERNED_OFFICES,
  isProtectionDecision,
  PROTECTION_STATUSES,
} from '../complaint-labels.js';
import { momentFromLocal } from '../custody-time.js';
import {
  formValues,
  inFormOrder,
  type FieldError,
  type FieldMessages,
  type FormValues,
  verdictAsFieldErrors,
} from '../forms.js';
import { LANGUAGES } from '../i18n.js';
import { dateRange, dayBounds, listState, readList, sendCsv } from '../list-export.js';
import { pageContext, requireAction, sendPage, sendProblemPage } from '../page.js';
import { AllegationPage, DECISION_FIELDS } from '../pages/allegation.js';
import { JudgeAllegationPage, ORDER_FIELDS } from '../pages/judge-allegation.js';
import { judgeAllegationColumns, JudgeAllegationsPage } from '../pages/judge-allegations.js';
import {
  OUTCOME_FIELDS,
  OUTCOME_KINDS,
  outcomeFieldId,
  outcomeInputs,
  type OutcomeKind,
} from '../pages/allegation-outcomes.js';
import { allegationColumns, AllegationsPage } from '../pages/allegations.js';
import { ComplaintInboxPage, inboxColumns, type InboxFilters } from '../pages/complaint-inbox.js';
import { ReceiveComplaintPage, ReceivedPage, RECEIVE_FIELDS } from '../pages/complaint-new.js';
import { ComplaintPage } from '../pages/complaint-open.js';
import {
  decisionFieldId,
  protectionColumns,
  ProtectionPage,
  type FailedDecision,
  type ProtectionFilters,
} from '../pages/complaint-protection.js';
import { UnlockPage } from '../pages/complaint-unlock.js';
import { localPath, paths } from '../paths.js';

/*
 * The complaint pages (issue 4): the complaints authority's inbox, unlocking its key, opening and
 * answering a complaint, recording one received by another channel; the procurator's allegations
 * and decisions; the governor's requests for protection or transfer. Every form goes through the
 * same application services and policy as the API (src/app/complaints.ts, src/http/routes/
 * complaints.ts), turns a refusal into field errors, and redirects after success. The key is
 * unlocked for this page session only (src/app/sealing-session.ts); every opening is recorded in
 * the log by the service before anything is opened.
 */

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** What a redirect after a complaint's form says was recorded. */
const RECORDED = ['answered', 'closed', 'routed', 'routed-judge'] as const;
/** Passphrase guesses against the complaints key from the pages: 5 a minute, as the API (issue 4). */
export const UNLOCK_RATE_LIMIT = { max: 5, timeWindowMs: 60_000 } as const;

/** A query parameter as text ('' when absent, repeated or not text). */
function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

const oneOf = <Value extends string>(value: string, allowed: readonly Value[]): Value | '' =>
  (allowed as readonly string[]).includes(value) ? (value as Value) : '';

const optional = (value: string | undefined): string | undefined => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

/**
 * kz.allegation.conflict: the office a complaint is about, from the fields `${prefix}Office` and
 * `${prefix}Region`; null when no office is chosen (and `required` is false). Every region the
 * form offers is a current ISO 3166-2:KZ code; the API checks it again.
 */
function concernsOf(
  values: FormValues,
  prefix: string,
  required: boolean,
): {
  value: {
    office: (typeof CONCERNED_OFFICES)[number];
    region: (typeof ACCEPTED_REGION_CODES)[number];
  } | null;
  errors: FieldError[];
} {
  const office = oneOf(values[`${prefix}Office`] ?? '', CONCERNED_OFFICES);
  const region = oneOf((values[`${prefix}Region`] ?? '').trim(), ACCEPTED_REGION_CODES);
  const errors: FieldError[] = [];
  if (office === '' && (required || (values[`${prefix}Office`] ?? '') !== ''))
    errors.push({ field: `${prefix}Office`, message: 'concerns.office.required' });
  if (office !== '' && region === '')
    errors.push({ field: `${prefix}Region`, message: 'concerns.region.required' });
  return { value: office === '' || region === '' ? null : { office, region }, errors };
}

/** The API's `concerns.office` and `concerns.region` as the form's `${prefix}Office` and `${prefix}Region`. */
const concernsField =
  (prefix: string) =>
  (field: string): string =>
    field === 'concerns.office'
      ? `${prefix}Office`
      : field.startsWith('concerns')
        ? `${prefix}Region`
        : field;

/** The reference in the address, in its one written form; a 404 when it cannot be one. */
function referenceParam(request: FastifyRequest): string {
  const typed = (request.params as Record<string, unknown> | undefined)?.reference;
  const reference = typeof typed === 'string' ? normaliseReference(typed) : null;
  if (reference === null) throw new NotFoundError('no such complaint');
  return reference;
}

function idParam(request: FastifyRequest): string {
  const id = (request.params as Record<string, unknown> | undefined)?.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new NotFoundError('no such request');
  return id;
}

const RECEIVE_MESSAGES: Record<string, FieldMessages> = {
  facilityId: {
    required: 'receive.facility.required',
    invalid: 'receive.facility.required',
    refused: 'receive.facility.required',
  },
  channel: { required: 'receive.channel.required', invalid: 'receive.channel.required' },
  category: { required: 'receive.category.required', invalid: 'receive.category.required' },
  concernsOffice: { invalid: 'concerns.office.required' },
  concernsRegion: { required: 'concerns.region.required', invalid: 'concerns.region.required' },
  text: { required: 'receive.text.required', invalid: 'receive.text.invalid' },
  language: { invalid: 'receive.refused' },
  complainant: { invalid: 'receive.complainant.invalid', refused: 'receive.complainant.invalid' },
  receivedAt: { invalid: 'receive.receivedAt.invalid', refused: 'receive.receivedAt.future' },
};

const DECISION_MESSAGES: Record<string, FieldMessages> = {
  decision: {
    required: 'allegation.decision.required',
    invalid: 'allegation.decision.required',
    refused: 'allegation.refused',
  },
  caseNumber: {
    required: 'allegation.caseNumber.required',
    invalid: 'allegation.caseNumber.invalid',
    // The decider refuses a joined allegation without its case number (kz.cases.joined).
    refused: 'allegation.caseNumber.required',
  },
  joinedWith: { invalid: 'allegation.joinedWith.invalid', refused: 'allegation.joinedWith.invalid' },
  // The decider refuses a discontinued allegation without its reason.
  reason: {
    required: 'allegation.reason.required',
    invalid: 'allegation.reason.invalid',
    refused: 'allegation.reason.required',
  },
};

const AT_MESSAGES: FieldMessages = {
  required: 'allegation.outcome.at.required',
  invalid: 'allegation.outcome.at.invalid',
};

/**
 * The outcome forms' words for each field of AllegationOutcomeInput, by the service's names. None
 * has words of its own for a refusal: the rule's reason, as data, says why (an official already
 * identified, a suspension before the identification, a conviction without its sentence).
 */
const OUTCOME_MESSAGES: Record<OutcomeKind, Record<string, FieldMessages>> = {
  'suspects-identified': {
    officials: {
      required: 'allegation.suspects.form.officials.required',
      invalid: 'allegation.suspects.form.officials.invalid',
    },
    at: AT_MESSAGES,
  },
  'official-suspended': {
    official: {
      required: 'allegation.suspension.form.official.required',
      invalid: 'allegation.suspension.form.official.required',
    },
    by: {
      required: 'allegation.suspension.form.by.required',
      invalid: 'allegation.suspension.form.by.invalid',
    },
    at: AT_MESSAGES,
  },
  'court-outcome': {
    outcome: {
      required: 'allegation.court.form.outcome.required',
      invalid: 'allegation.court.form.outcome.required',
    },
    article: {
      required: 'allegation.court.form.article.required',
      invalid: 'allegation.court.form.article.invalid',
    },
    sentence: { invalid: 'allegation.court.form.sentence.invalid' },
    months: { invalid: 'allegation.court.form.months.invalid' },
    at: AT_MESSAGES,
  },
  'evidence-excluded': {
    description: {
      required: 'allegation.evidence.form.description.required',
      invalid: 'allegation.evidence.form.description.invalid',
    },
    at: AT_MESSAGES,
  },
};

/** What a redirect after the allegation's forms says was recorded. */
const ALLEGATION_RECORDED = ['decision', ...OUTCOME_KINDS] as const;

/** The order form's words for each field of JudgeOrderInput (kz.allegation.conflict). */
const ORDER_MESSAGES: Record<string, FieldMessages> = {
  orderedAt: {
    required: 'judge.order.orderedAt.required',
    invalid: 'judge.order.orderedAt.invalid',
  },
  investigateBy: {
    required: 'judge.order.investigateBy.required',
    invalid: 'judge.order.investigateBy.invalid',
  },
  caseNumber: { invalid: 'allegation.caseNumber.invalid' },
};

const PROTECTION_MESSAGES: Record<string, FieldMessages> = {
  decision: {
    required: 'protection.decision.required',
    invalid: 'protection.decision.required',
    refused: 'protection.refusedByRegister',
  },
  reason: {
    required: 'protection.reason.required',
    invalid: 'protection.reason.invalid',
    refused: 'protection.reason.required',
  },
};

export function complaintRoutes(app: FastifyInstance, store: Store): void {
  const services: ComplaintServices & { clock: () => Date; dataDir: string } = app.habeas;
  const { clock } = services;

  /** Who holds the key this request may use: its page session (a bearer token's account otherwise). */
  const holderOf = (request: FastifyRequest, principal: Principal): string =>
    sealingHolder(principal, request.pageSession?.id ?? null);
  /** Whether the reader's own institution's key is unlocked for this request's holder. */
  const unlockedFor = (request: FastifyRequest, principal: Principal): boolean =>
    sealingOf(services, principal).isUnlocked(holderOf(request, principal));

  async function allFacilities() {
    return (await listFacilities(store)).map((facility) => ({ id: facility.id, name: facility.name }));
  }

  // ------------------------------------------------------------------------------------------
  // The inbox, and the key

  // The inbox, a register list (issue 18): its total, a range of days received, the CSV and the
  // print view — each page of them a read recorded as the inbox's, saying why.
  app.get(
    paths.complaints,
    { preHandler: requireAction(store, 'complaint.list') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'complaint.list');
      const facilities = await allFacilities();
      const submitted = dateRange(request.query, 'submitted');
      const filters: InboxFilters = {
        status: oneOf(queryText(request, 'status'), COMPLAINT_STATUSES),
        category: oneOf(queryText(request, 'category'), COMPLAINT_CATEGORIES),
        facilityId: facilities.some((facility) => facility.id === queryText(request, 'facilityId'))
          ? queryText(request, 'facilityId')
          : '',
        submittedFrom: submitted.from,
        submittedTo: submitted.to,
      };
      const bounds = dayBounds(submitted);
      const query = {
        status: filters.status === '' ? undefined : filters.status,
        category: filters.category === '' ? undefined : filters.category,
        facilityId: filters.facilityId === '' ? undefined : filters.facilityId,
        submittedFrom: bounds.from,
        submittedTo: bounds.to,
      };
      const now = clock();
      const list = await readList(request.query, (cursor, whole) =>
        listComplaints(services, principal, { ...query, cursor, ...whole }, now),
      );
      if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
      const { mode } = list;
      const ctx = await pageContext(store, request);
      if (mode.csv) return sendCsv(reply, 'complaints.csv', inboxColumns(ctx.tr), list.rows);
      return sendPage(
        reply,
        <ComplaintInboxPage
          ctx={ctx}
          items={list.rows}
          filters={filters}
          facilities={facilities}
          list={listState(
            paths.complaints,
            { ...filters },
            list,
            await countComplaints(services, principal, query),
            mode,
          )}
          now={now.toISOString()}
          unlocked={unlockedFor(request, principal)}
          canReceive={can(principal, 'complaint.receive')}
          justLocked={queryText(request, 'key') === 'locked'}
        />,
      );
    },
  );

  async function sendUnlock(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    next: string,
    errors: FieldError[],
    status: number,
  ): Promise<FastifyReply> {
    // Each institution's own key (issue 18 item 5): the procurator's office's for a procurator.
    const recipient = SEALING_RECIPIENT_OF[principal.role] ?? 'complaints-authority';
    // A key file that cannot be read opens nothing either: the page says so as for no key.
    const noKey = !(await hasSealingKey(services.dataDir, recipient).catch(() => false));
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <UnlockPage
        ctx={ctx}
        next={next}
        errors={errors}
        unlocked={!noKey && unlockedFor(request, principal)}
        noKey={noKey}
        institution={recipient}
      />,
      noKey && status === 200 ? 503 : status,
    );
  }

  /** Where to go after unlocking: a local path, the inbox by default. */
  const nextOf = (value: unknown): string => {
    const next = localPath(value);
    return next === paths.home ? paths.complaints : next;
  };

  app.get(
    paths.complaintsUnlock,
    { preHandler: requireAction(store, 'sealing.unlock') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'sealing.unlock');
      return sendUnlock(request, reply, principal, nextOf(queryText(request, 'next')), [], 200);
    },
  );

  app.post(
    paths.complaintsUnlock,
    {
      preHandler: requireAction(store, 'sealing.unlock'),
      config: { rateLimit: { max: UNLOCK_RATE_LIMIT.max, timeWindow: UNLOCK_RATE_LIMIT.timeWindowMs } },
    },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'sealing.unlock');
      const values = formValues(request.body, ['passphrase', 'next']);
      const next = nextOf(values.next);
      const passphrase = values.passphrase ?? '';
      if (passphrase === '')
        return sendUnlock(
          request,
          reply,
          principal,
          next,
          [
            {
              field: 'passphrase',
              message:
                SEALING_RECIPIENT_OF[principal.role] === 'procurator'
                  ? 'unlock.procurator.passphrase.required'
                  : 'unlock.passphrase.required',
            },
          ],
          422,
        );
      try {
        await sealingOf(services, principal).unlock(principal, holderOf(request, principal), passphrase);
      } catch (error) {
        if (error instanceof AccessDeniedError && error.status === 403)
          return sendUnlock(
            request,
            reply,
            principal,
            next,
            [{ field: 'passphrase', message: 'unlock.passphrase.wrong' }],
            403,
          );
        if (error instanceof UnavailableError) return sendUnlock(request, reply, principal, next, [], 503);
        throw error;
      }
      return reply.redirect(next, 303);
    },
  );

  app.post(
    paths.complaintsLock,
    { preHandler: requireAction(store, 'sealing.unlock') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'sealing.unlock');
      sealingOf(services, principal).lock(holderOf(request, principal));
      return reply.redirect(`${paths.complaints}?key=locked`, 303);
    },
  );

  // ------------------------------------------------------------------------------------------
  // Another channel: paper, a lawyer, the family, the ombudsman, a hotline

  async function sendReceiveForm(
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors: readonly FieldError[],
    status: number,
  ): Promise<FastifyReply> {
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <ReceiveComplaintPage
        ctx={ctx}
        values={values}
        errors={errors}
        facilities={await allFacilities()}
        now={clock().toISOString()}
      />,
      status,
    );
  }

  app.get(
    paths.newComplaint,
    { preHandler: requireAction(store, 'complaint.receive') },
    async (request, reply) => sendReceiveForm(request, reply, { language: 'ru' }, [], 200),
  );

  app.post(
    paths.newComplaint,
    { preHandler: requireAction(store, 'complaint.receive') },
    async (request, reply) => {
      const officer = requireAccess(request.principal, 'complaint.receive');
      const values = formValues(request.body, RECEIVE_FIELDS);
      const now = clock();
      const errors: FieldError[] = [];
      const filled = (field: string): boolean => (values[field] ?? '').trim() !== '';
      const order = Object.keys(RECEIVE_MESSAGES);

      const receivedAt = momentFromLocal(values.receivedAt ?? '', values['receivedAt-offset'] ?? '');
      if (receivedAt === null) errors.push({ field: 'receivedAt', message: 'receive.receivedAt.invalid' });
      else if (receivedAt !== '' && Date.parse(receivedAt) > now.getTime())
        errors.push({ field: 'receivedAt', message: 'receive.receivedAt.future' });
      const complainant = optional(values.complainant);
      if (complainant !== undefined && !ID_PATTERN.test(complainant))
        errors.push({ field: 'complainant', message: 'receive.complainant.invalid' });
      const channel = oneOf(values.channel ?? '', RECEIVED_CHANNELS);
      const category = oneOf(values.category ?? '', COMPLAINT_CATEGORIES);
      const language = oneOf(values.language ?? '', LANGUAGES);
      const concerns = concernsOf(values, 'concerns', false);
      if (!filled('facilityId')) errors.push({ field: 'facilityId', message: 'receive.facility.required' });
      if (channel === '') errors.push({ field: 'channel', message: 'receive.channel.required' });
      if (category === '') errors.push({ field: 'category', message: 'receive.category.required' });
      errors.push(...concerns.errors);
      if (!filled('text')) errors.push({ field: 'text', message: 'receive.text.required' });
      if (errors.length > 0) return sendReceiveForm(request, reply, values, inFormOrder(errors, order), 422);

      let received;
      try {
        received = await recordReceivedComplaint(
          services,
          officer,
          {
            facilityId: values.facilityId ?? '',
            channel: channel as (typeof RECEIVED_CHANNELS)[number],
            category: category as (typeof COMPLAINT_CATEGORIES)[number],
            text: values.text ?? '',
            language: language === '' ? undefined : language,
            complainant: complainant === undefined ? null : { personId: complainant },
            ...(concerns.value === null ? {} : { concerns: concerns.value }),
            protectionRequested: values.protectionRequested === 'yes',
            transferRequested: values.transferRequested === 'yes',
            receivedAt: receivedAt === '' || receivedAt === null ? undefined : receivedAt,
          },
          now,
        );
      } catch (error) {
        if (error instanceof UnavailableError) return sendProblemPage(store, request, reply, 'unavailable');
        const shown = verdictAsFieldErrors(error, RECEIVE_MESSAGES, filled, concernsField('concerns'));
        return sendReceiveForm(request, reply, values, inFormOrder(shown, order), 422);
      }
      const routed =
        concerns.value !== null ? '?judge=1' : category === 'torture-or-ill-treatment' ? '?allegation=1' : '';
      return reply.redirect(`${paths.complaintReceived(received.reference)}${routed}`, 303);
    },
  );

  app.get(
    '/complaints/received/:reference',
    { preHandler: requireAction(store, 'complaint.receive') },
    async (request, reply) => {
      const reference = referenceParam(request);
      const ctx = await pageContext(store, request);
      return sendPage(
        reply,
        <ReceivedPage
          ctx={ctx}
          reference={reference}
          allegation={queryText(request, 'allegation') === '1'}
          judge={queryText(request, 'judge') === '1'}
        />,
      );
    },
  );

  // ------------------------------------------------------------------------------------------
  // One complaint: the purpose, the opening (recorded in the log), the answer

  const unlockFirst = (reply: FastifyReply, reference: string) =>
    reply.redirect(`${paths.complaintsUnlock}?next=${encodeURIComponent(paths.complaint(reference))}`, 303);

  async function sendComplaint(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    reference: string,
    page: {
      view: ComplaintView | null;
      purpose: string;
      errors: readonly FieldError[];
      answer: string;
      closeReason?: string;
      routeReason?: string;
      judge?: { judgeOffice: string; judgeRegion: string; judgeReason: string };
    },
    status: number,
  ): Promise<FastifyReply> {
    const ctx = await pageContext(store, request);
    const recorded = oneOf(queryText(request, 'recorded'), RECORDED);
    return sendPage(
      reply,
      <ComplaintPage
        ctx={ctx}
        reference={reference}
        view={page.view}
        purpose={page.purpose}
        errors={page.errors}
        answer={page.answer}
        closeReason={page.closeReason ?? ''}
        routeReason={page.routeReason ?? ''}
        judgeRoute={page.judge}
        recorded={page.view === null && recorded !== '' ? recorded : null}
        canAnswer={can(principal, 'complaint.answer')}
        canDecide={can(principal, 'allegation.decide')}
        canRoute={can(principal, 'complaint.route')}
        now={clock().toISOString()}
      />,
      status,
    );
  }

  /**
   * Back to the opened complaint with a form's errors and what was typed (opened again, and so
   * recorded again, when the key allows); to the unlock page when it is locked.
   */
  async function backToComplaint(
    request: FastifyRequest,
    reply: FastifyReply,
    officer: Principal,
    reference: string,
    typedPurpose: string,
    errors: FieldError[],
    typed: {
      answer?: string;
      closeReason?: string;
      routeReason?: string;
      judge?: { judgeOffice: string; judgeRegion: string; judgeReason: string };
    },
  ): Promise<FastifyReply> {
    const stated = purposeOf(typedPurpose);
    const purpose = 'error' in stated ? undefined : stated.purpose;
    const view = unlockedFor(request, officer) ? await open(officer, request, reference, purpose) : null;
    if (view === null) return unlockFirst(reply, reference);
    return sendComplaint(
      request,
      reply,
      officer,
      reference,
      { view, purpose: purpose ?? '', errors, answer: typed.answer ?? '', ...typed },
      422,
    );
  }

  /** The stated purpose, checked as the read audit checks it; an error for the form otherwise. */
  function purposeOf(typed: string): { purpose: string | undefined } | { error: FieldError } {
    const purpose = optional(typed);
    if (purpose === undefined) return { purpose };
    try {
      return { purpose: parseInput(Purpose, purpose) };
    } catch (error) {
      if (error instanceof InvalidInputError)
        return { error: { field: 'purpose', message: 'complaint.open.purpose.invalid' } };
      throw error;
    }
  }

  /** Opens the complaint (the service records the opening first); null when the key is locked. */
  async function open(
    principal: Principal,
    request: FastifyRequest,
    reference: string,
    purpose: string | undefined,
  ) {
    try {
      return await readComplaint(services, principal, reference, clock(), {
        holder: holderOf(request, principal),
        purpose,
      });
    } catch (error) {
      if (error instanceof ConflictError) return null;
      throw error;
    }
  }

  app.get(
    '/complaints/:reference',
    { preHandler: requireAction(store, 'complaint.open') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'complaint.open');
      const reference = referenceParam(request);
      if (!unlockedFor(request, principal)) return unlockFirst(reply, reference);
      return sendComplaint(
        request,
        reply,
        principal,
        reference,
        { view: null, purpose: '', errors: [], answer: '' },
        200,
      );
    },
  );

  app.post(
    '/complaints/:reference/open',
    { preHandler: requireAction(store, 'complaint.open') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'complaint.open');
      const reference = referenceParam(request);
      const typed = formValues(request.body, ['purpose']).purpose ?? '';
      const stated = purposeOf(typed);
      if ('error' in stated)
        return sendComplaint(
          request,
          reply,
          principal,
          reference,
          { view: null, purpose: typed, errors: [stated.error], answer: '' },
          422,
        );
      const view = await open(principal, request, reference, stated.purpose);
      if (view === null) return unlockFirst(reply, reference);
      return sendComplaint(
        request,
        reply,
        principal,
        reference,
        { view, purpose: stated.purpose ?? '', errors: [], answer: '' },
        200,
      );
    },
  );

  app.post(
    '/complaints/:reference/answer',
    { preHandler: requireAction(store, 'complaint.answer') },
    async (request, reply) => {
      const officer = requireAccess(request.principal, 'complaint.answer');
      const reference = referenceParam(request);
      const values = formValues(request.body, ['answer', 'purpose']);
      const answer = values.answer ?? '';
      let errors: FieldError[];
      if (answer.trim() === '') errors = [{ field: 'answer', message: 'complaint.answer.required' }];
      else
        try {
          await answerComplaint(services, officer, reference, { answer }, clock());
          return reply.redirect(`${paths.complaint(reference)}?recorded=answered`, 303);
        } catch (error) {
          if (error instanceof UnavailableError) return sendProblemPage(store, request, reply, 'unavailable');
          // kz.torture.referral: only the procurator decides on an allegation (the page offers no form; a forged one ends here).
          if (error instanceof RefusedError)
            errors = [
              error.rule === 'kz.torture.referral'
                ? // The page's notice on the allegation says why, under this heading.
                  { field: 'allegation-title', message: 'complaint.allegation.title' }
                : { field: 'answer', message: 'complaint.answer.refused' },
            ];
          else
            errors = verdictAsFieldErrors(
              error,
              {
                answer: {
                  required: 'complaint.answer.required',
                  invalid: 'complaint.answer.invalid',
                  refused: 'complaint.answer.refused',
                },
              },
              () => answer.trim() !== '',
            );
        }
      // Back to the complaint with the answer kept: opened again (and so recorded again) when the key allows.
      return backToComplaint(request, reply, officer, reference, values.purpose ?? '', errors, { answer });
    },
  );

  // Closing a complaint (issue 18 item 4: the API's POST /complaints/{reference}/close on a page):
  // the complaints officer, an ordinary complaint, with the reason. Closing does not answer it.
  app.post(
    '/complaints/:reference/close',
    { preHandler: requireAction(store, 'complaint.answer') },
    async (request, reply) => {
      const officer = requireAccess(request.principal, 'complaint.answer');
      const reference = referenceParam(request);
      const values = formValues(request.body, ['closeReason', 'purpose']);
      const reason = values.closeReason ?? '';
      let errors: FieldError[];
      if (reason.trim() === '')
        errors = [{ field: 'closeReason', message: 'complaint.close.reason.required' }];
      else
        try {
          await closeComplaint(services, officer, reference, { reason }, clock());
          return reply.redirect(`${paths.complaint(reference)}?recorded=closed`, 303);
        } catch (error) {
          if (error instanceof RefusedError)
            errors = [
              error.rule === 'kz.torture.referral'
                ? { field: 'allegation-title', message: 'complaint.allegation.title' }
                : { field: 'closeReason', message: 'complaint.close.refused' },
            ];
          else if (error instanceof InvalidInputError)
            errors = [{ field: 'closeReason', message: 'complaint.close.reason.invalid' }];
          else throw error;
        }
      return backToComplaint(request, reply, officer, reference, values.purpose ?? '', errors, {
        closeReason: reason,
      });
    },
  );

  // Routing to the procurator (issue 18 item 9: a complaint filed under another category that
  // describes torture or ill-treatment; item 5: the procurator's copy of an allegation sealed before
  // the procurator's office had a key). The content is sealed again from the officer's unlocked key.
  app.post(
    '/complaints/:reference/route',
    { preHandler: requireAction(store, 'complaint.route') },
    async (request, reply) => {
      const officer = requireAccess(request.principal, 'complaint.route');
      const reference = referenceParam(request);
      const values = formValues(request.body, [
        'routeReason',
        'purpose',
        'to',
        'judgeOffice',
        'judgeRegion',
        'judgeReason',
      ]);
      // kz.allegation.conflict: about a procurator's or an investigator's office, to the investigating judge.
      if (values.to === 'investigating-judge') {
        const judgeReason = values.judgeReason ?? '';
        const judgeTyped = {
          judgeOffice: values.judgeOffice ?? '',
          judgeRegion: values.judgeRegion ?? '',
          judgeReason,
        };
        const concerns = concernsOf(values, 'judge', true);
        let judgeErrors: FieldError[] = [...concerns.errors];
        if (judgeReason.trim() === '')
          judgeErrors.push({ field: 'judgeReason', message: 'complaint.judge.reason.required' });
        if (judgeErrors.length === 0 && concerns.value !== null)
          try {
            await routeComplaint(
              services,
              officer,
              reference,
              { to: 'investigating-judge', concerns: concerns.value, reason: judgeReason },
              clock(),
              { holder: holderOf(request, officer) },
            );
            return reply.redirect(`${paths.complaint(reference)}?recorded=routed-judge`, 303);
          } catch (error) {
            if (error instanceof RefusedError && error.field === undefined)
              judgeErrors = [{ field: 'judgeReason', message: 'complaint.judge.refused' }];
            else
              judgeErrors = verdictAsFieldErrors(
                error,
                {
                  judgeOffice: { invalid: 'concerns.office.required' },
                  judgeRegion: { required: 'concerns.region.required', invalid: 'concerns.region.required' },
                  judgeReason: {
                    required: 'complaint.judge.reason.required',
                    invalid: 'complaint.route.reason.invalid',
                  },
                },
                (field) => (values[field] ?? '').trim() !== '',
                (field) => (field === 'reason' ? 'judgeReason' : concernsField('judge')(field)),
              );
          }
        return backToComplaint(
          request,
          reply,
          officer,
          reference,
          values.purpose ?? '',
          inFormOrder(judgeErrors, ['judgeOffice', 'judgeRegion', 'judgeReason']),
          { judge: judgeTyped },
        );
      }
      const reason = values.routeReason ?? '';
      const stated = purposeOf(values.purpose ?? '');
      let errors: FieldError[];
      if (reason.trim() === '')
        errors = [{ field: 'routeReason', message: 'complaint.route.reason.required' }];
      else
        try {
          await routeComplaint(services, officer, reference, { to: 'procurator', reason }, clock(), {
            holder: holderOf(request, officer),
            purpose: 'error' in stated ? undefined : stated.purpose,
          });
          return reply.redirect(`${paths.complaint(reference)}?recorded=routed`, 303);
        } catch (error) {
          if (error instanceof ConflictError) return unlockFirst(reply, reference);
          if (error instanceof UnavailableError)
            errors = [{ field: 'routeReason', message: 'complaint.route.noProcuratorKey' }];
          else if (error instanceof RefusedError)
            errors = [{ field: 'routeReason', message: 'complaint.route.refused' }];
          else if (error instanceof InvalidInputError)
            errors = [{ field: 'routeReason', message: 'complaint.route.reason.invalid' }];
          else throw error;
        }
      return backToComplaint(request, reply, officer, reference, values.purpose ?? '', errors, {
        routeReason: reason,
      });
    },
  );

  // ------------------------------------------------------------------------------------------
  // The procurator's allegations (kz.torture.referral, kz.cases.joined)

  // A register list (issue 18): its total, a range of days received, the CSV and the print view,
  // each page of them a read recorded as the list's, saying why.
  app.get(
    paths.allegations,
    { preHandler: requireAction(store, 'allegation.read') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'allegation.read');
      const submitted = dateRange(request.query, 'submitted');
      const bounds = dayBounds(submitted);
      const query = { submittedFrom: bounds.from, submittedTo: bounds.to };
      const list = await readList(request.query, (cursor, whole) =>
        listAllegations(services, principal, { ...query, cursor, ...whole }),
      );
      if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
      const ctx = await pageContext(store, request);
      if (list.mode.csv) return sendCsv(reply, 'allegations.csv', allegationColumns(ctx.tr), list.rows);
      return sendPage(
        reply,
        <AllegationsPage
          ctx={ctx}
          items={list.rows}
          submitted={submitted}
          list={listState(
            paths.allegations,
            { submittedFrom: submitted.from, submittedTo: submitted.to },
            list,
            await countAllegations(services, principal, query),
            list.mode,
          )}
        />,
      );
    },
  );

  /**
   * One allegation, found in the procurator's list (the services have no single read of an
   * allegation): pages of the list until it appears, each read recorded as the list's are.
   */
  async function findAllegation(principal: Principal, reference: string): Promise<AllegationSummary> {
    let cursor: string | undefined;
    for (;;) {
      const page = await listAllegations(services, principal, {
        limit: MAX_PAGE,
        cursor,
        purpose: `the decision form of allegation ${reference}`,
      });
      const found = page.items.find((item) => item.reference === reference);
      if (found) return found;
      if (page.next === null) throw new NotFoundError(`there is no allegation ${reference}`);
      cursor = page.next;
    }
  }

  async function sendAllegation(
    request: FastifyRequest,
    reply: FastifyReply,
    allegation: AllegationSummary,
    values: FormValues,
    errors: readonly FieldError[],
    status: number,
  ): Promise<FastifyReply> {
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <AllegationPage
        ctx={ctx}
        allegation={allegation}
        values={values}
        errors={errors}
        recorded={(status === 200 && oneOf(queryText(request, 'recorded'), ALLEGATION_RECORDED)) || false}
        canOpen={can(request.principal, 'complaint.open')}
        inCase={
          can(request.principal, 'case.read')
            ? await caseStatusOfAllegation(store, 'complaint', allegation.reference)
            : null
        }
      />,
      status,
    );
  }

  app.get(
    '/allegations/:reference',
    { preHandler: requireAction(store, 'allegation.read') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'allegation.read');
      const reference = referenceParam(request);
      // Issue 19: a doctor's referral is no complaint: its page is the medical referral's.
      if (await isMedicalReferral(store, reference))
        return reply.redirect(paths.medicalReferral(reference), 303);
      const allegation = await findAllegation(principal, reference);
      return sendAllegation(request, reply, allegation, {}, [], 200);
    },
  );

  app.post(
    '/allegations/:reference/decisions',
    { preHandler: requireAction(store, 'allegation.decide') },
    async (request, reply) => {
      const procurator = requireAccess(request.principal, 'allegation.decide');
      const reference = referenceParam(request);
      const values = formValues(request.body, DECISION_FIELDS);
      const filled = (field: string): boolean => (values[field] ?? '').trim() !== '';
      const decision = oneOf(values.decision ?? '', ALLEGATION_DECISIONS);
      const order = Object.keys(DECISION_MESSAGES);
      let errors: FieldError[] = [];
      // Said before anything is sent; the decider refuses the same (src/domain/complaints/decide.ts).
      if (decision === '') errors.push({ field: 'decision', message: 'allegation.decision.required' });
      if (decision === 'joined' && !filled('caseNumber'))
        errors.push({ field: 'caseNumber', message: 'allegation.caseNumber.required' });
      if (decision === 'discontinued' && !filled('reason'))
        errors.push({ field: 'reason', message: 'allegation.reason.required' });
      if (filled('joinedWith') && normaliseReference(values.joinedWith ?? '') === null)
        errors.push({ field: 'joinedWith', message: 'allegation.joinedWith.invalid' });
      if (errors.length === 0) {
        try {
          await recordAllegationDecision(
            services,
            procurator,
            reference,
            {
              decision: decision as (typeof ALLEGATION_DECISIONS)[number],
              caseNumber: optional(values.caseNumber),
              joinedWith: optional(values.joinedWith),
              reason: optional(values.reason),
            },
            clock(),
          );
          return reply.redirect(`${paths.allegation(reference)}?recorded=decision`, 303);
        } catch (error) {
          errors = verdictAsFieldErrors(error, DECISION_MESSAGES, filled);
        }
      }
      const allegation = await findAllegation(procurator, reference);
      return sendAllegation(request, reply, allegation, values, inFormOrder(errors, order), 422);
    },
  );

  /**
   * What else the case shows (kz.torture.suspension, kz.torture.sentencing,
   * kz.evidence.inadmissible): one of the allegation page's outcome forms, by its `kind`, read into
   * the API's AllegationOutcomeInput. The page says what is missing or not a time before anything
   * is sent; the decider's refusals come back as its reasons, beside the field they name.
   */
  function outcomeInput(
    kind: OutcomeKind,
    text: (field: string) => string,
    at: string,
  ): { input: AllegationOutcomeInput | null; errors: FieldError[] } {
    const errors: FieldError[] = [];
    const need = (field: string, message: FieldError['message']): string => {
      const value = text(field).trim();
      if (value === '') errors.push({ field, message });
      return value;
    };
    switch (kind) {
      case 'suspects-identified': {
        const officials = text('officials')
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== '');
        if (officials.length === 0)
          errors.push({ field: 'officials', message: 'allegation.suspects.form.officials.required' });
        return { input: { kind, officials, at }, errors };
      }
      case 'official-suspended': {
        const official = need('official', 'allegation.suspension.form.official.required');
        const by = need('by', 'allegation.suspension.form.by.required');
        return { input: { kind, official, by, at }, errors };
      }
      case 'court-outcome': {
        const outcome = oneOf(text('outcome'), COURT_OUTCOMES);
        if (outcome === '')
          errors.push({ field: 'outcome', message: 'allegation.court.form.outcome.required' });
        const article = need('article', 'allegation.court.form.article.required');
        const sentence = oneOf(text('sentence'), SENTENCE_KINDS);
        if (sentence === '' && text('sentence') !== '')
          errors.push({ field: 'sentence', message: 'allegation.court.form.sentence.invalid' });
        const monthsText = text('months').trim();
        const months = /^\d{1,4}$/.test(monthsText) ? Number(monthsText) : Number.NaN;
        if (monthsText !== '' && !(months <= 1200))
          errors.push({ field: 'months', message: 'allegation.court.form.months.invalid' });
        else if (monthsText !== '' && sentence === '')
          errors.push({ field: 'months', message: 'allegation.court.form.months.noSentence' });
        if (outcome === '') return { input: null, errors };
        return {
          input: {
            kind,
            outcome,
            article,
            reclassified: text('reclassified') === 'yes',
            pleaBargain: text('pleaBargain') === 'yes',
            at,
            ...(sentence === ''
              ? {}
              : { sentence: { kind: sentence, ...(monthsText === '' ? {} : { months }) } }),
          },
          errors,
        };
      }
      case 'evidence-excluded': {
        // A description typed over several lines is one line in the register.
        const description = need('description', 'allegation.evidence.form.description.required')
          .split(/\s*\r?\n\s*/)
          .join(' ');
        return { input: { kind, description, at }, errors };
      }
    }
  }

  app.post(
    '/allegations/:reference/outcomes',
    { preHandler: requireAction(store, 'allegation.decide') },
    async (request, reply) => {
      const procurator = requireAccess(request.principal, 'allegation.decide');
      const reference = referenceParam(request);
      const kind = oneOf(formValues(request.body, ['kind']).kind ?? '', OUTCOME_KINDS);
      // No form of the page sends another kind.
      if (kind === '') return sendProblemPage(store, request, reply, 'bad-request');
      const values = formValues(request.body, outcomeInputs(kind));
      const id = (field: string): string => outcomeFieldId(kind, field);
      const text = (field: string): string => values[id(field)] ?? '';
      const filled = (field: string): boolean => text(field).trim() !== '';
      const now = clock();
      let errors: FieldError[] = [];
      const at = momentFromLocal(text('at'), values[`${id('at')}-offset`] ?? '');
      if (at === '') errors.push({ field: 'at', message: 'allegation.outcome.at.required' });
      else if (at === null) errors.push({ field: 'at', message: 'allegation.outcome.at.invalid' });
      else if (Date.parse(at) > now.getTime())
        errors.push({ field: 'at', message: 'allegation.outcome.at.future' });
      const read = outcomeInput(kind, text, at ?? '');
      errors.push(...read.errors);
      if (errors.length === 0 && read.input !== null) {
        try {
          await recordAllegationOutcome(services, procurator, reference, read.input, now);
          return reply.redirect(`${paths.allegation(reference)}?recorded=${kind}`, 303);
        } catch (error) {
          errors = verdictAsFieldErrors(error, OUTCOME_MESSAGES[kind], filled);
        }
      }
      const allegation = await findAllegation(procurator, reference);
      const order = OUTCOME_FIELDS[kind].map(id);
      const shown = errors.map((error) => ({ ...error, field: id(error.field) }));
      return sendAllegation(request, reply, allegation, values, inFormOrder(shown, order), 422);
    },
  );

  // ------------------------------------------------------------------------------------------
  // The investigating judge's complaints about procurators and investigators (kz.allegation.conflict)

  // A register list (issue 18): its total, a range of days received, the CSV and the print view,
  // each page of them a read recorded as the list's, saying why. No procurator reaches it.
  app.get(
    paths.judgeAllegations,
    { preHandler: requireAction(store, 'allegation.judge-read') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'allegation.judge-read');
      const submitted = dateRange(request.query, 'submitted');
      const bounds = dayBounds(submitted);
      const query = { submittedFrom: bounds.from, submittedTo: bounds.to };
      const now = clock();
      const list = await readList(request.query, (cursor, whole) =>
        listJudgeAllegations(services, principal, { ...query, cursor, ...whole }, now),
      );
      if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
      const ctx = await pageContext(store, request);
      if (list.mode.csv)
        return sendCsv(reply, 'judge-allegations.csv', judgeAllegationColumns(ctx.tr), list.rows);
      return sendPage(
        reply,
        <JudgeAllegationsPage
          ctx={ctx}
          items={list.rows}
          submitted={submitted}
          list={listState(
            paths.judgeAllegations,
            { submittedFrom: submitted.from, submittedTo: submitted.to },
            list,
            await countJudgeAllegations(services, principal, query),
            list.mode,
          )}
        />,
      );
    },
  );

  async function sendJudgeAllegation(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    reference: string,
    values: FormValues,
    errors: readonly FieldError[],
    status: number,
  ): Promise<FastifyReply> {
    const now = clock();
    // The service answers 403 outside the judge's regions and 404 for any other complaint.
    const allegation = await readJudgeAllegation(services, principal, reference, now, {
      purpose: status === 200 ? undefined : `the order form of complaint ${reference}`,
    });
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <JudgeAllegationPage
        ctx={ctx}
        allegation={allegation}
        values={values}
        errors={errors}
        recorded={status === 200 && queryText(request, 'recorded') === 'order'}
        now={now.toISOString()}
      />,
      status,
    );
  }

  app.get(
    '/judge/allegations/:reference',
    { preHandler: requireAction(store, 'allegation.judge-read') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'allegation.judge-read');
      return sendJudgeAllegation(request, reply, principal, referenceParam(request), {}, [], 200);
    },
  );

  app.post(
    '/judge/allegations/:reference/order',
    { preHandler: requireAction(store, 'allegation.judge-order') },
    async (request, reply) => {
      const judge = requireAccess(request.principal, 'allegation.judge-order');
      const reference = referenceParam(request);
      const values = formValues(request.body, ORDER_FIELDS);
      const filled = (field: string): boolean => (values[field] ?? '').trim() !== '';
      const now = clock();
      let errors: FieldError[] = [];
      // Said before anything is sent; the decider refuses the same (src/domain/complaints/decide.ts).
      const orderedAt = momentFromLocal(values.orderedAt ?? '', values['orderedAt-offset'] ?? '');
      if (orderedAt === '') errors.push({ field: 'orderedAt', message: 'judge.order.orderedAt.required' });
      else if (orderedAt === null)
        errors.push({ field: 'orderedAt', message: 'judge.order.orderedAt.invalid' });
      else if (Date.parse(orderedAt) > now.getTime())
        errors.push({ field: 'orderedAt', message: 'judge.order.orderedAt.future' });
      if (!filled('investigateBy'))
        errors.push({ field: 'investigateBy', message: 'judge.order.investigateBy.required' });
      if (errors.length === 0 && orderedAt !== null) {
        try {
          await recordJudgeOrder(
            services,
            judge,
            reference,
            {
              orderedAt,
              investigateBy: values.investigateBy ?? '',
              caseNumber: optional(values.caseNumber),
            },
            now,
          );
          return reply.redirect(`${paths.judgeAllegation(reference)}?recorded=order`, 303);
        } catch (error) {
          errors = verdictAsFieldErrors(error, ORDER_MESSAGES, filled);
        }
      }
      return sendJudgeAllegation(
        request,
        reply,
        judge,
        reference,
        values,
        inFormOrder(errors, Object.keys(ORDER_MESSAGES)),
        422,
      );
    },
  );

  // ------------------------------------------------------------------------------------------
  // The governor's requests for protection or transfer (kz.transfer.protection)

  /**
   * The requests page, a register list (issue 18): its total, a range of days requested, the CSV
   * and the print view — each page of them a read of the people named, recorded as the page's.
   * After a refused decision (POST) the list is the first page of every request.
   */
  async function sendProtection(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    failed: FailedDecision | null,
    status: number,
  ): Promise<FastifyReply> {
    const query = failed === null ? request.query : {};
    const requested = dateRange(query, 'requested');
    const filters: ProtectionFilters = {
      status: oneOf(queryText(request, 'status'), PROTECTION_STATUSES),
      requestedFrom: requested.from,
      requestedTo: requested.to,
    };
    if (failed !== null) filters.status = '';
    const bounds = dayBounds(requested);
    const filtered = {
      status: filters.status === '' ? undefined : filters.status,
      requestedFrom: bounds.from,
      requestedTo: bounds.to,
    };
    const list = await readList(query, (cursor, whole) =>
      pageProtectionRequests(services, principal, { ...filtered, cursor, ...whole }),
    );
    if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
    const ctx = await pageContext(store, request);
    if (list.mode.csv) return sendCsv(reply, 'protection-requests.csv', protectionColumns(ctx.tr), list.rows);
    return sendPage(
      reply,
      <ProtectionPage
        ctx={ctx}
        requests={list.rows}
        filters={filters}
        list={listState(
          paths.protectionRequests,
          { ...filters },
          list,
          await countProtectionRequests(services, principal, filtered),
          list.mode,
        )}
        failed={failed}
        recorded={failed === null && queryText(request, 'recorded') === 'decision'}
        now={clock().toISOString()}
      />,
      status,
    );
  }

  app.get(
    paths.protectionRequests,
    { preHandler: requireAction(store, 'protection.read') },
    async (request, reply) =>
      sendProtection(request, reply, requireAccess(request.principal, 'protection.read'), null, 200),
  );

  app.post(
    '/protection-requests/:id/decision',
    { preHandler: requireAction(store, 'protection.decide') },
    async (request, reply) => {
      const governor = requireAccess(request.principal, 'protection.decide');
      const requestId = idParam(request);
      const prefixed = formValues(request.body, [
        decisionFieldId(requestId, 'decision'),
        decisionFieldId(requestId, 'reason'),
      ]);
      const values: FormValues = {
        decision: prefixed[decisionFieldId(requestId, 'decision')] ?? '',
        reason: prefixed[decisionFieldId(requestId, 'reason')] ?? '',
      };
      const filled = (field: string): boolean => (values[field] ?? '').trim() !== '';
      let errors: FieldError[] = [];
      const decision = values.decision ?? '';
      if (!isProtectionDecision(decision))
        errors.push({ field: 'decision', message: 'protection.decision.required' });
      if (!filled('reason')) errors.push({ field: 'reason', message: 'protection.reason.required' });
      if (errors.length === 0 && isProtectionDecision(decision)) {
        try {
          await decideProtectionRequest(
            services,
            governor,
            requestId,
            { decision, reason: values.reason ?? '' },
            clock(),
          );
          return reply.redirect(`${paths.protectionRequests}?recorded=decision`, 303);
        } catch (error) {
          errors = verdictAsFieldErrors(error, PROTECTION_MESSAGES, filled);
        }
      }
      const failed: FailedDecision = {
        requestId,
        values,
        errors: inFormOrder(errors, Object.keys(PROTECTION_MESSAGES)).map((error) => ({
          ...error,
          field: decisionFieldId(requestId, error.field),
        })),
      };
      return sendProtection(request, reply, governor, failed, 422);
    },
  );
}
