import { refuse, type Refusal } from '../decision.js';
import { NO_PARAMS, reason } from '../refusals.js';
import type {
  AmendReport,
  DiscloseReport,
  FinishReport,
  MedicalCommand,
  RecordExamination,
} from './commands.js';
import {
  CUSTODY_EXAMINATIONS,
  MEDICAL_ENTRY_TYPE,
  PRISON_EXAMINATIONS,
  type DisclosureRecorded,
  type MedicalChange,
  type MedicalEvent,
  type ReferralAssessed,
  type ReportFinished,
} from './events.js';
import { evolveMedicalRecord } from './evolve.js';
import { authorOf, chainReferred, latestOf, referable, versionsOf } from './facts.js';
import { completeReport, staffPresenceRefusal } from './report.js';
import { initialMedicalRecord, type MedicalRecordState } from './state.js';

/*
 * The medical decider (STYLE.md "Deciders"): pure functions of a person's medical record and a
 * command. Every examination and every report version is followed by its referral assessment, so
 * that each of them appends exactly two entries of the one neutral type (src/domain/medical/events.ts).
 */

type Decision = MedicalEvent[] | Refusal;

const entry = (change: MedicalChange): MedicalEvent => ({ type: MEDICAL_ENTRY_TYPE, payload: change });

function recordExamination(command: RecordExamination, state: MedicalRecordState): Decision {
  const { input } = command;
  if (state.personId !== null && state.personId !== command.personId)
    return refuse('this medical record is another person’s: open the record of the person examined', {
      field: 'personId',
    });
  if (state.examinations[command.examinationId])
    return refuse(`examination ${command.examinationId} is already recorded`);
  const at = input.at ?? command.now;
  if (Date.parse(at) > Date.parse(command.now))
    return refuse(`${at} is in the future: record the examination when it took place`, {
      field: 'at',
      reason: reason('moment.future', { at }),
    });
  if (PRISON_EXAMINATIONS.includes(input.examination) && input.episode.context !== 'prison')
    return refuse(`an examination ${input.examination} belongs to a prison stay: name the stay`, {
      field: 'episode',
    });
  if (CUSTODY_EXAMINATIONS.includes(input.examination) && input.episode.context !== 'custody')
    return refuse('the examination on arrest belongs to a custody episode: name the episode', {
      field: 'episode',
    });
  const present = input.present ?? [];
  const staff = staffPresenceRefusal(present, input.staffPresenceReason, 'staffPresenceReason');
  if (staff) return staff;
  if (input.examination === 'before-separation' && !input.fitness)
    return refuse('say whether the person is fit for the separation: the examination decides it', {
      rule: 'kz.discipline.medical-before',
      field: 'fitness',
      reason: reason('medical.fitness-needed', NO_PARAMS),
    });
  return [
    entry({
      kind: 'examination-recorded',
      examinationId: command.examinationId,
      personId: command.personId,
      facilityId: command.facilityId,
      examination: input.examination,
      episode: { context: input.episode.context, id: input.episode.id },
      at,
      place: input.place,
      clinician: command.clinician,
      present: present.map((person) => ({ role: person.role, name: person.name })),
      staffPresenceReason: input.staffPresenceReason ?? null,
      injuriesNoted: input.injuriesNoted ?? false,
      fitness: input.fitness ?? null,
      notes: input.notes ?? null,
      ...(input.screening ? { screening: input.screening } : {}),
      recordedAt: command.now,
    }),
    entry({
      kind: 'referral-assessed',
      examinationId: command.examinationId,
      reportId: null,
      version: null,
      outcome: 'not-required',
      reference: null,
      source: 'medical',
      rule: null,
      opinion: null,
      attributedTo: null,
      assessedAt: command.now,
    }),
  ];
}

/** The referral assessment that follows a report version (kz.torture.referral, source `medical`). */
function assessReferral(
  report: ReportFinished,
  state: MedicalRecordState,
  now: string,
  reference: string,
): ReferralAssessed {
  const outcome = !referable(report)
    ? 'not-required'
    : chainReferred(state, report.reportId) ||
        (report.secondOpinionOf !== null && chainReferred(state, report.secondOpinionOf.reportId))
      ? 'already-referred'
      : 'referred';
  return {
    kind: 'referral-assessed',
    examinationId: report.examinationId,
    reportId: report.reportId,
    version: report.version,
    outcome,
    reference: outcome === 'referred' ? reference : null,
    source: 'medical',
    rule: outcome === 'not-required' ? null : 'kz.torture.referral',
    opinion: report.content.opinion.overall,
    attributedTo: report.content.account.attributedTo,
    assessedAt: now,
  };
}

function finishReport(command: FinishReport, state: MedicalRecordState): Decision {
  const { input } = command;
  if (versionsOf(state, command.reportId).length > 0)
    return refuse(`report ${command.reportId} is finished and cannot change: amend it instead`);
  const examination = state.examinations[input.examinationId];
  if (!examination)
    return refuse(`there is no examination ${input.examinationId} in this record`, {
      field: 'examinationId',
    });
  let secondOpinionOf: ReportFinished['secondOpinionOf'] = null;
  if (input.secondOpinionOf !== undefined) {
    const reviewed = latestOf(state, input.secondOpinionOf);
    if (!reviewed)
      return refuse(`there is no report ${input.secondOpinionOf} in this record`, {
        field: 'secondOpinionOf',
      });
    const authors = versionsOf(state, input.secondOpinionOf).map((version) => version.clinician.accountId);
    if (authors.includes(command.clinician.accountId))
      return refuse('a second opinion is another clinician’s: the author of a report amends it instead', {
        rule: 'kz.medical.second-opinion',
        field: 'secondOpinionOf',
        reason: reason('medical.second-opinion-same-clinician', NO_PARAMS),
      });
    secondOpinionOf = { reportId: reviewed.reportId, version: reviewed.version };
  }
  const content = completeReport(input, examination);
  if ('refused' in content) return content;
  const report: ReportFinished = {
    kind: 'report-finished',
    reportId: command.reportId,
    version: 1,
    examinationId: examination.examinationId,
    personId: examination.personId,
    clinician: command.clinician,
    amends: null,
    secondOpinionOf,
    content,
    finishedAt: command.now,
  };
  return [entry(report), entry(assessReferral(report, state, command.now, command.referralReference))];
}

function amendReport(command: AmendReport, state: MedicalRecordState): Decision {
  const { input } = command;
  const latest = latestOf(state, command.reportId);
  if (!latest) return refuse(`there is no report ${command.reportId} in this record`);
  if (authorOf(state, command.reportId) !== command.clinician.accountId)
    return refuse('only the author amends a report: another clinician writes a second opinion', {
      rule: 'kz.medical.second-opinion',
      reason: reason('medical.amend-author-only', NO_PARAMS),
    });
  if (input.amends !== latest.version)
    return refuse(
      `version ${latest.version} is the latest: an amendment follows it, and every version stays`,
      {
        rule: 'intl.medical.report',
        field: 'amends',
        reason: reason('medical.amend-latest-only', { latest: latest.version }),
      },
    );
  const examination = state.examinations[latest.examinationId];
  if (!examination) return refuse(`the examination of report ${command.reportId} is not in this record`);
  const content = completeReport(input, examination);
  if ('refused' in content) return content;
  const report: ReportFinished = {
    kind: 'report-finished',
    reportId: latest.reportId,
    version: latest.version + 1,
    examinationId: latest.examinationId,
    personId: latest.personId,
    clinician: command.clinician,
    amends: { version: latest.version, reason: input.reason },
    secondOpinionOf: latest.secondOpinionOf,
    content,
    finishedAt: command.now,
  };
  return [entry(report), entry(assessReferral(report, state, command.now, command.referralReference))];
}

function discloseReport(command: DiscloseReport, state: MedicalRecordState): Decision {
  const { input } = command;
  const versions = versionsOf(state, command.reportId);
  if (versions.length === 0) return refuse(`there is no report ${command.reportId} in this record`);
  const disclosed = input.version === undefined ? versions.at(-1) : versions[input.version - 1];
  if (!disclosed)
    return refuse(`report ${command.reportId} has no version ${input.version}`, { field: 'version' });
  const basisRefusal = (detail: string, field: string) =>
    refuse(detail, {
      rule: 'intl.medical.disclosure',
      field,
      reason: reason('medical.disclosure-basis', { recipient: input.recipient }),
    });
  switch (input.recipient) {
    case 'person':
      if (input.legalBasis !== 'own-copy')
        return basisRefusal('the person receives the report as their own copy', 'legalBasis');
      break;
    case 'procurator':
    case 'other': {
      if (input.legalBasis === 'own-copy')
        return basisRefusal(
          'only the person receives an own copy: name consent or a court order',
          'legalBasis',
        );
      if (input.recipient === 'other' && !input.recipientName)
        return refuse('name who receives the report', { field: 'recipientName' });
      if (input.legalBasis === 'court-order' && !input.courtOrder)
        return basisRefusal('name the court order that requires the disclosure', 'courtOrder');
      const consented =
        input.consent !== undefined ||
        (input.recipient === 'procurator' && disclosed.content.consent.sharingWithProcurator === 'given');
      if (input.legalBasis === 'consent' && !consented)
        return basisRefusal(
          input.recipient === 'procurator'
            ? 'the person did not consent to sharing the report with the procurator: record their consent or a court order'
            : 'record the person’s consent to this disclosure, or a court order',
          'consent',
        );
      break;
    }
    default: {
      const unhandled: never = input.recipient;
      throw new Error(`unknown recipient ${String(unhandled)}`);
    }
  }
  const disclosure: DisclosureRecorded = {
    kind: 'disclosure-recorded',
    disclosureId: command.disclosureId,
    reportId: disclosed.reportId,
    version: disclosed.version,
    recipient: input.recipient,
    recipientName: input.recipientName ?? null,
    legalBasis: input.legalBasis,
    courtOrder: input.legalBasis === 'court-order' && input.courtOrder ? input.courtOrder : null,
    consent: input.legalBasis === 'consent' && input.consent ? input.consent : null,
    clinician: command.clinician,
    disclosedAt: command.now,
  };
  return [entry(disclosure)];
}

/** The medical context's pure core; usable by src/app/execute.ts. */
export function medicalDecider() {
  return {
    initialState: initialMedicalRecord,
    evolve: evolveMedicalRecord,
    decide(command: MedicalCommand, state: MedicalRecordState): Decision {
      switch (command.type) {
        case 'record-examination':
          return recordExamination(command, state);
        case 'finish-report':
          return finishReport(command, state);
        case 'amend-report':
          return amendReport(command, state);
        case 'disclose-report':
          return discloseReport(command, state);
        default: {
          const unhandled: never = command;
          throw new Error(`unknown command ${String((unhandled as { type: unknown }).type)}`);
        }
      }
    },
  };
}

export type MedicalDecider = ReturnType<typeof medicalDecider>;
