import { describe, expect, test } from 'vitest';
import { MEDICAL_ENTRY_TYPE } from '../../../src/domain/medical/events.js';
import { amend, disclose, examine, finish, FORENSIC, fullReport, given, hoursAfter } from './given.js';

/*
 * Versions (intl.medical.report, kz.medical.second-opinion), disclosure (intl.medical.disclosure)
 * and the referral a report makes at once (kz.torture.referral, source `medical`).
 */

const reported = () => given([examine({ injuriesNoted: true }), finish()]);

describe('versions and second opinions', () => {
  test('intl.medical.report: an amendment is a new version naming the one it amends; the first stays', () => {
    const scenario = reported().then(amend(1, { opinion: { overall: 'typical-of' } }));
    const versions = scenario.state.reports['r1']!;
    expect(versions.map((version) => [version.version, version.amends?.version ?? null])).toEqual([
      [1, null],
      [2, 1],
    ]);
    expect(versions[0]!.content.opinion.overall).toBe('highly-consistent');
    expect(versions[1]!.content.opinion.overall).toBe('typical-of');
  });

  test('intl.medical.report: a finished report is not recorded again; an amendment follows the latest version', () => {
    reported().when(finish()).thenRefuses({});
    reported()
      .then(amend(1))
      .when(amend(1))
      .thenRefuses({
        rule: 'intl.medical.report',
        field: 'amends',
        reason: { code: 'medical.amend-latest-only', params: { latest: 2 } },
      });
  });

  test('kz.medical.second-opinion: another clinician amends nothing: they write a second opinion', () => {
    reported()
      .when(amend(1, {}, { clinician: FORENSIC }))
      .thenRefuses({
        rule: 'kz.medical.second-opinion',
        reason: { code: 'medical.amend-author-only', params: {} },
      });
  });

  test('kz.medical.second-opinion: a second opinion by another clinician references the first; both are kept', () => {
    const scenario = reported()
      .then(examine({ examination: 'on-request' }, { id: 'e2', clinician: FORENSIC, now: hoursAfter(30) }))
      .then(
        finish(
          fullReport({ examinationId: 'e2', secondOpinionOf: 'r1', opinion: { overall: 'diagnostic-of' } }),
          { id: 'r2', clinician: FORENSIC, now: hoursAfter(31) },
        ),
      );
    expect(scenario.state.reports['r2']![0]).toMatchObject({
      secondOpinionOf: { reportId: 'r1', version: 1 },
      clinician: FORENSIC,
    });
    expect(scenario.state.reports['r1']![0]!.content.opinion.overall).toBe('highly-consistent');
  });

  test('kz.medical.second-opinion: a second opinion by the same clinician is refused', () => {
    reported()
      .when(finish(fullReport({ secondOpinionOf: 'r1' }), { id: 'r2' }))
      .thenRefuses({
        rule: 'kz.medical.second-opinion',
        field: 'secondOpinionOf',
        reason: { code: 'medical.second-opinion-same-clinician', params: {} },
      });
  });
});

describe('kz.torture.referral from a medical report', () => {
  test('kz.torture.referral: a consistent-or-stronger report about officials is referred at once, without consent to share', () => {
    const [, referral] = given([examine({ injuriesNoted: true })])
      .when(finish())
      .changes();
    expect(referral).toEqual({
      kind: 'referral-assessed',
      examinationId: 'e1',
      reportId: 'r1',
      version: 1,
      outcome: 'referred',
      reference: 'REF-r1',
      source: 'medical',
      rule: 'kz.torture.referral',
      opinion: 'highly-consistent',
      attributedTo: 'officials',
      assessedAt: hoursAfter(3),
    });
  });

  test('kz.torture.referral: not consistent, or injuries not attributed to officials, is not referred', () => {
    const weak = given([examine()])
      .when(finish(fullReport({ opinion: { overall: 'not-consistent' } })))
      .changes();
    expect(weak[1]).toMatchObject({ outcome: 'not-required', rule: null });
    const account = { text: 'Упал с нар', language: 'ru', attributedTo: 'self' as const };
    const self = given([examine()])
      .when(finish(fullReport({ account })))
      .changes();
    expect(self[1]).toMatchObject({ outcome: 'not-required' });
  });

  test('kz.medical.second-opinion: a second opinion that overturns an unreferred first report refers it; a referred chain is referred once', () => {
    const first = given([examine()]).then(finish(fullReport({ opinion: { overall: 'not-consistent' } })));
    const second = first
      .then(examine({ examination: 'on-request' }, { id: 'e2', clinician: FORENSIC, now: hoursAfter(40) }))
      .when(
        finish(fullReport({ examinationId: 'e2', secondOpinionOf: 'r1' }), {
          id: 'r2',
          clinician: FORENSIC,
          now: hoursAfter(41),
        }),
      );
    expect(second.changes()[1]).toMatchObject({ outcome: 'referred', reportId: 'r2' });
    const amended = second.and().when(amend(1, {}, { id: 'r2', clinician: FORENSIC, now: hoursAfter(42) }));
    expect(amended.changes()[1]).toMatchObject({ outcome: 'already-referred', version: 2 });
  });

  test('entry types give no hint: an ordinary examination and a referred injury report each append two entries of the one type', () => {
    const ordinary = given().when(examine()).events();
    const referred = given([examine({ injuriesNoted: true })])
      .when(finish())
      .events();
    expect(ordinary.length).toBe(referred.length);
    expect([...ordinary, ...referred].every((event) => event.type === MEDICAL_ENTRY_TYPE)).toBe(true);
  });
});

describe('intl.medical.disclosure', () => {
  test('intl.medical.disclosure: the person receives their own copy; the disclosure names recipient and basis', () => {
    const [disclosure] = reported()
      .when(disclose({ recipient: 'person', legalBasis: 'own-copy' }))
      .changes();
    expect(disclosure).toMatchObject({
      kind: 'disclosure-recorded',
      reportId: 'r1',
      version: 1,
      recipient: 'person',
      legalBasis: 'own-copy',
      courtOrder: null,
      consent: null,
    });
  });

  test('intl.medical.disclosure: to the procurator without the person’s consent or a court order is refused', () => {
    // The person refused sharing with the procurator (fullReport): consent is no basis.
    reported()
      .when(disclose({ recipient: 'procurator', legalBasis: 'consent' }))
      .thenRefuses({
        rule: 'intl.medical.disclosure',
        field: 'consent',
        reason: { code: 'medical.disclosure-basis', params: { recipient: 'procurator' } },
      });
    reported()
      .when(disclose({ recipient: 'procurator', legalBasis: 'court-order' }))
      .thenRefuses({ rule: 'intl.medical.disclosure', field: 'courtOrder' });
    const [byOrder] = reported()
      .when(
        disclose({
          recipient: 'procurator',
          legalBasis: 'court-order',
          courtOrder: { reference: '1-77/2026', court: 'Есильский районный суд г. Астаны' },
        }),
      )
      .changes();
    expect(byOrder).toMatchObject({
      recipient: 'procurator',
      legalBasis: 'court-order',
      courtOrder: { reference: '1-77/2026' },
    });
  });

  test('intl.medical.disclosure: the report’s itemised consent to sharing is a basis for the procurator', () => {
    const consenting = given([
      examine(),
      finish(
        fullReport({
          consent: { examination: 'given', photographs: 'given', sharingWithProcurator: 'given' },
        }),
      ),
    ]);
    const [disclosure] = consenting
      .when(disclose({ recipient: 'procurator', legalBasis: 'consent' }))
      .changes();
    expect(disclosure).toMatchObject({ recipient: 'procurator', legalBasis: 'consent' });
  });

  test('intl.medical.disclosure: anyone else needs the person’s consent to this disclosure or a court order; own copies are the person’s', () => {
    reported()
      .when(disclose({ recipient: 'other', recipientName: 'Адвокат Е. Жумабаев', legalBasis: 'consent' }))
      .thenRefuses({
        rule: 'intl.medical.disclosure',
        reason: { code: 'medical.disclosure-basis', params: { recipient: 'other' } },
      });
    const [withConsent] = reported()
      .when(
        disclose({
          recipient: 'other',
          recipientName: 'Адвокат Е. Жумабаев',
          legalBasis: 'consent',
          consent: { givenAt: hoursAfter(5), statement: 'Прошу передать копию моему адвокату.' },
        }),
      )
      .changes();
    expect(withConsent).toMatchObject({ recipient: 'other', consent: { statement: expect.any(String) } });
    reported()
      .when(disclose({ recipient: 'procurator', legalBasis: 'own-copy' }))
      .thenRefuses({ rule: 'intl.medical.disclosure', field: 'legalBasis' });
    reported()
      .when(disclose({ recipient: 'person', legalBasis: 'court-order' }))
      .thenRefuses({
        rule: 'intl.medical.disclosure',
        reason: { code: 'medical.disclosure-basis', params: { recipient: 'person' } },
      });
  });
});
