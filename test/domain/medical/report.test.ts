import { describe, expect, test } from 'vitest';
import { ReportInput } from '../../../src/domain/medical/inputs.js';
import { examine, finish, fullReport, given, PHOTO } from './given.js';

/* intl.medical.report: an Istanbul Protocol report has every section, or it is not recorded. */

const examined = () => given([examine({ injuriesNoted: true })]);

describe('intl.medical.report', () => {
  test('intl.medical.report: a complete report is recorded with every section, the site on the body diagram', () => {
    const [report] = examined().when(finish()).changes();
    expect(report).toMatchObject({
      kind: 'report-finished',
      reportId: 'r1',
      version: 1,
      examinationId: 'e1',
      personId: 'p1',
      clinician: { accountId: 'doctor-1' },
      amends: null,
      secondOpinionOf: null,
      content: {
        consent: { examination: 'given', photographs: 'given', sharingWithProcurator: 'refused', note: null },
        // Who was present comes from the examination when the report does not say.
        circumstances: {
          present: [{ role: 'nurse', name: 'Медсестра Г. Омарова' }],
          staffPresenceReason: null,
        },
        account: { language: 'ru', interpreter: null, attributedTo: 'officials' },
        physicalFindings: [
          {
            type: 'bruise',
            site: { view: 'back', region: 'upper-back-left', detail: null },
            size: { lengthMm: 120, widthMm: 30 },
            photographs: [PHOTO],
            consistency: 'highly-consistent',
          },
        ],
        opinion: { overall: 'highly-consistent' },
        treatment: { given: 'Cold compress, analgesia.', referral: null },
      },
    });
  });

  test('intl.medical.report: a report without the person’s account is refused, naming the field', () => {
    examined()
      .when(finish(fullReport({ account: undefined })))
      .thenRefuses({
        rule: 'intl.medical.report',
        field: 'account.text',
        reason: { code: 'medical.section-missing', params: { section: 'account' } },
      });
    examined()
      .when(finish(fullReport({ account: { text: 'Меня били', attributedTo: 'officials' } })))
      .thenRefuses({ rule: 'intl.medical.report', field: 'account.language' });
  });

  test('intl.medical.report: each required section missing is refused, naming it', () => {
    const cases = [
      ['consent', 'consent', 'consent'],
      ['circumstances', 'circumstances.description', 'circumstances'],
      ['physicalFindings', 'physicalFindings', 'physical-findings'],
      ['psychologicalFindings', 'psychologicalFindings.text', 'psychological-findings'],
      ['opinion', 'opinion.overall', 'opinion'],
      ['treatment', 'treatment', 'treatment'],
    ] as const;
    for (const [section, field, code] of cases)
      examined()
        .when(finish(fullReport({ [section]: undefined })))
        .thenRefuses({
          rule: 'intl.medical.report',
          field,
          reason: { code: 'medical.section-missing', params: { section: code } },
        });
  });

  test('intl.medical.report: consent is itemised: each of examination, photographs and sharing is answered', () => {
    examined()
      .when(finish(fullReport({ consent: { examination: 'given', photographs: 'given' } })))
      .thenRefuses({ rule: 'intl.medical.report', field: 'consent.sharingWithProcurator' });
  });

  test('intl.medical.report: a physical finding lacking its colour (or any part) is refused, naming the finding', () => {
    const [finding] = fullReport().physicalFindings!;
    const { colour: _colour, ...withoutColour } = finding!;
    examined()
      .when(finish(fullReport({ physicalFindings: [finding!, withoutColour] })))
      .thenRefuses({
        rule: 'intl.medical.report',
        field: 'physicalFindings.1.colour',
        reason: { code: 'medical.finding-incomplete', params: { finding: 2, part: 'colour' } },
      });
    const { consistency: _consistency, ...withoutOpinion } = finding!;
    examined()
      .when(finish(fullReport({ physicalFindings: [withoutOpinion] })))
      .thenRefuses({ field: 'physicalFindings.0.consistency' });
  });

  test('intl.medical.report: a refused examination is recorded as refused, with no physical findings', () => {
    const refused = {
      examination: 'refused' as const,
      photographs: 'refused' as const,
      sharingWithProcurator: 'refused' as const,
    };
    examined()
      .when(finish(fullReport({ consent: refused })))
      .thenRefuses({
        rule: 'intl.medical.report',
        field: 'physicalFindings',
        reason: { code: 'medical.findings-without-consent', params: {} },
      });
    const [report] = examined()
      .when(
        finish(
          fullReport({
            consent: { ...refused, note: 'Refused in front of the escort' },
            physicalFindings: [],
          }),
        ),
      )
      .changes();
    expect(report).toMatchObject({ content: { consent: { examination: 'refused' }, physicalFindings: [] } });
  });

  test('intl.medical.report: photographs only with consent to them', () => {
    examined()
      .when(
        finish(
          fullReport({
            consent: { examination: 'given', photographs: 'refused', sharingWithProcurator: 'given' },
          }),
        ),
      )
      .thenRefuses({
        rule: 'intl.medical.report',
        field: 'physicalFindings.0.photographs',
        reason: { code: 'medical.photographs-without-consent', params: {} },
      });
  });

  test('intl.medical.report: staff named present in the report need the clinician’s reason', () => {
    examined()
      .when(
        finish(
          fullReport({
            circumstances: {
              description: 'В кабинете',
              present: [{ role: 'prison-staff', name: 'Контролёр' }],
            },
          }),
        ),
      )
      .thenRefuses({ rule: 'intl.medical.report', field: 'circumstances.staffPresenceReason' });
  });

  test('intl.medical.report: a report is on an examination of this record', () => {
    examined()
      .when(finish(fullReport({ examinationId: 'e9' })))
      .thenRefuses({ field: 'examinationId' });
  });

  test('intl.medical.report: the body diagram’s regions belong to their view, and photographs are SHA-256', () => {
    const body = fullReport();
    expect(ReportInput.safeParse(body).success).toBe(true);
    const [finding] = body.physicalFindings!;
    const onWrongView = { ...finding, site: { view: 'front', region: 'upper-back-left' } };
    expect(ReportInput.safeParse({ ...body, physicalFindings: [onWrongView] }).success).toBe(false);
    const badPhoto = { ...finding, photographs: [{ ...PHOTO, sha256: 'not-a-hash' }] };
    expect(ReportInput.safeParse({ ...body, physicalFindings: [badPhoto] }).success).toBe(false);
  });
});
