/** The one registry of page URLs (STYLE.md "Government service pages"): routes and links both use it. */
export const paths = {
  home: '/',
  login: '/login',
  logout: '/logout',
  log: '/log',
  facilities: '/facilities',
  newFacility: '/facilities/new',
  facility: (id: string) => `/facilities/${encodeURIComponent(id)}`,
  newPerson: '/people/new',
  person: (id: string) => `/people/${encodeURIComponent(id)}`,
  /** Issue 18 item 10: the search of the register (a POST: names and numbers stay out of addresses). */
  peopleSearch: '/people/search',
  /** Issue 18 item 2: the correction of a person's details (the form, and where it posts). */
  personCorrection: (id: string) => `/people/${encodeURIComponent(id)}/corrections`,
  /** Issue 17: arrests and admissions that reached people registered elsewhere (monitor, procurator). */
  peopleReached: '/people-reached',
  /** Who read a record, when and why (monitor, procurator): the read audit of one record. */
  audit: '/audit',
  auditOf: (kind: string, record: string) =>
    `/audit?kind=${encodeURIComponent(kind)}&record=${encodeURIComponent(record)}`,
  /** The integrity of the log and the read models (issue 17): the report, and "check now". */
  integrity: '/integrity',
  /** The stand-alone verifier auditors download (dist/habeas-verify.mjs, issue 18 item 8). */
  verifier: '/verifier/habeas-verify.mjs',
  integrityCheck: '/integrity/check',
  /** Police custody (issue 3): the desk, an arrest, an episode, its record copy, findings, referrals. */
  custody: '/custody',
  newCustody: '/custody/new',
  newCustodyFor: (personId: string) => `/custody/new?person=${encodeURIComponent(personId)}`,
  /** The arrest form's look-up by identity document: a POST, so that numbers stay out of addresses. */
  custodyLookup: '/custody/new/lookup',
  custodyEpisode: (id: string) => `/custody/${encodeURIComponent(id)}`,
  custodyEvents: (id: string) => `/custody/${encodeURIComponent(id)}/events`,
  custodyCorrections: (id: string) => `/custody/${encodeURIComponent(id)}/corrections`,
  custodyRecord: (id: string) => `/custody/${encodeURIComponent(id)}/record`,
  /** kz.custody.interview: the form of an interview of the detained suspect, and where it posts. */
  newCustodyInterview: (id: string) => `/custody/${encodeURIComponent(id)}/interviews/new`,
  custodyInterviews: (id: string) => `/custody/${encodeURIComponent(id)}/interviews`,
  custodyInterview: (id: string, interviewId: string) =>
    `/custody/${encodeURIComponent(id)}#interview-${encodeURIComponent(interviewId)}`,
  custodyFindings: '/custody/findings',
  custodyReferrals: '/custody/referrals',
  custodyScript: '/static/custody.js',
  /**
   * The complaint kiosk (issue 4): the terminal's page, its enrolment by an administrator, and the
   * calls its script makes with the terminal's kiosk key (the sealing key itself is public).
   */
  kiosk: '/kiosk',
  kioskEnrol: '/kiosk/enrol',
  kioskUnenrol: '/kiosk/unenrol',
  kioskComplaints: '/kiosk/complaints',
  kioskStatus: '/kiosk/status',
  /** The facility's roll of names (family name and initials), fetched when the person looks for theirs. */
  kioskRoll: '/kiosk/roll',
  kioskScript: '/static/kiosk.js',
  kioskStyle: '/static/kiosk.css',
  /**
   * The complaints authority and the procurator (issue 4): the inbox, the key's unlock and lock, a
   * complaint opened, one received by another channel, the allegations and their decisions, and
   * the governor's requests for protection or transfer.
   */
  complaints: '/complaints',
  complaintsUnlock: '/complaints/unlock',
  complaintsLock: '/complaints/lock',
  newComplaint: '/complaints/new',
  complaint: (reference: string) => `/complaints/${encodeURIComponent(reference)}`,
  complaintOpen: (reference: string) => `/complaints/${encodeURIComponent(reference)}/open`,
  complaintAnswer: (reference: string) => `/complaints/${encodeURIComponent(reference)}/answer`,
  complaintClose: (reference: string) => `/complaints/${encodeURIComponent(reference)}/close`,
  complaintRoute: (reference: string) => `/complaints/${encodeURIComponent(reference)}/route`,
  complaintReceived: (reference: string) => `/complaints/received/${encodeURIComponent(reference)}`,
  allegations: '/allegations',
  allegation: (reference: string) => `/allegations/${encodeURIComponent(reference)}`,
  allegationDecisions: (reference: string) => `/allegations/${encodeURIComponent(reference)}/decisions`,
  allegationOutcomes: (reference: string) => `/allegations/${encodeURIComponent(reference)}/outcomes`,
  /** kz.allegation.conflict: the investigating judge's complaints about procurators and investigators. */
  judgeAllegations: '/judge/allegations',
  judgeAllegation: (reference: string) => `/judge/allegations/${encodeURIComponent(reference)}`,
  judgeOrder: (reference: string) => `/judge/allegations/${encodeURIComponent(reference)}/order`,
  protectionRequests: '/protection-requests',
  protectionDecision: (id: string) => `/protection-requests/${encodeURIComponent(id)}/decision`,
  /** Camera footage (issue 5 item 3): a facility's recordings, and the view of one (kz.cctv.women). */
  footage: '/footage',
  footageOf: (facilityId: string) => `/footage?facility=${encodeURIComponent(facilityId)}`,
  footageView: (id: string) => `/footage/${encodeURIComponent(id)}`,
  /** Issue 18 item 4: a recording registered, a deletion recorded, evidence holds placed and released. */
  newFootage: '/footage/new',
  newFootageAt: (facilityId: string) => `/footage/new?facility=${encodeURIComponent(facilityId)}`,
  footageDeletion: (id: string) => `/footage/${encodeURIComponent(id)}/deletion`,
  evidenceHolds: '/evidence-holds',
  newEvidenceHold: '/evidence-holds/new',
  newEvidenceHoldAt: (facilityId: string) => `/evidence-holds/new?facility=${encodeURIComponent(facilityId)}`,
  evidenceHold: (id: string) => `/evidence-holds/${encodeURIComponent(id)}`,
  evidenceHoldRelease: (id: string) => `/evidence-holds/${encodeURIComponent(id)}/release`,
  /**
   * Remand centres and prisons (issue 5 item 6): the roll, an admission, a stay, its events and
   * the governor's discipline form, the monitor's separation view, the prison findings and the
   * reprisal flags (kz.complaint.reprisal).
   */
  prison: '/prison',
  prisonAdmit: '/prison/admissions/new',
  prisonAdmitFor: (personId: string) => `/prison/admissions/new?person=${encodeURIComponent(personId)}`,
  /** The admission form's search of the register: a POST, so that names, dates and numbers stay out of addresses and history. */
  prisonAdmitLookup: '/prison/admissions/lookup',
  prisonStay: (id: string) => `/prison/stays/${encodeURIComponent(id)}`,
  prisonStayEvents: (id: string) => `/prison/stays/${encodeURIComponent(id)}/events`,
  prisonDiscipline: (id: string) => `/prison/stays/${encodeURIComponent(id)}/discipline`,
  prisonSeparation: '/prison/separation',
  prisonFindings: '/prison/findings',
  /** Referrals from examinations that noted bodily harm (kz.admission.medical), for the facility's medical staff. */
  prisonReferrals: '/prison/referrals',
  reprisalFlags: '/reprisal-flags',
  prisonScript: '/static/prison.js',
  /**
   * Medical documentation (issue 19): the doctor's worklist, their own signing key, a person's
   * medical record, an examination, a signed report (its versions, print copy, disclosures), the
   * injury report's form and its amendment, and the procurator's view of a medical referral.
   */
  medical: '/medical',
  medicalKey: '/medical/key',
  medicalKeyUnlock: '/medical/key/unlock',
  medicalKeyLock: '/medical/key/lock',
  medicalKeyPassphrase: '/medical/key/passphrase',
  medicalRecord: (personId: string) => `/medical/people/${encodeURIComponent(personId)}`,
  medicalExaminations: (personId: string) => `/medical/people/${encodeURIComponent(personId)}/examinations`,
  /** `episode`: `custody:<id>` or `prison:<id>`; `kind`: the examination kind to preselect. */
  medicalExaminationNew: (personId: string, episode?: string, kind?: string) => {
    const query = new URLSearchParams();
    if (episode !== undefined) query.set('episode', episode);
    if (kind !== undefined) query.set('kind', kind);
    const search = query.toString();
    return `/medical/people/${encodeURIComponent(personId)}/examinations/new${search === '' ? '' : `?${search}`}`;
  },
  medicalReport: (personId: string, reportId: string, version?: number) =>
    `/medical/people/${encodeURIComponent(personId)}/reports/${encodeURIComponent(reportId)}${version === undefined ? '' : `?version=${version}`}`,
  medicalReportPrint: (personId: string, reportId: string, version?: number) =>
    `/medical/people/${encodeURIComponent(personId)}/reports/${encodeURIComponent(reportId)}/print${version === undefined ? '' : `?version=${version}`}`,
  medicalReportDisclosures: (personId: string, reportId: string) =>
    `/medical/people/${encodeURIComponent(personId)}/reports/${encodeURIComponent(reportId)}/disclosures`,
  /** The injury report's form on an examination; with `secondOpinionOf`, a second opinion on that report. */
  medicalReportNew: (personId: string, examinationId: string, secondOpinionOf?: string) =>
    `/medical/people/${encodeURIComponent(personId)}/reports/new?examination=${encodeURIComponent(examinationId)}${secondOpinionOf === undefined ? '' : `&secondOpinionOf=${encodeURIComponent(secondOpinionOf)}`}`,
  medicalReportAmend: (personId: string, reportId: string) =>
    `/medical/people/${encodeURIComponent(personId)}/reports/${encodeURIComponent(reportId)}/amend`,
  /** Where the injury report's form posts: a first report or second opinion, and an amendment. */
  medicalReports: (personId: string) => `/medical/people/${encodeURIComponent(personId)}/reports`,
  medicalReportAmendments: (personId: string, reportId: string) =>
    `/medical/people/${encodeURIComponent(personId)}/reports/${encodeURIComponent(reportId)}/amendments`,
  /** A photograph of an injury, opened by the API for the record's health officials (audited). */
  medicalPhoto: (personId: string, sha256: string) =>
    `/api/v1/medical/people/${encodeURIComponent(personId)}/photos/${encodeURIComponent(sha256)}`,
  /** The body diagram's listbox and outline on the injury report's form. */
  medicalBodyScript: '/static/medical-body.js',
  /** The API's signed export of a report version (habeas-medical-report-export/1), for `habeas medical verify`. */
  medicalReportSigned: (personId: string, reportId: string, version: number) =>
    `/api/v1/medical/people/${encodeURIComponent(personId)}/reports/${encodeURIComponent(reportId)}/signed?version=${version}`,
  medicalReferral: (reference: string) => `/medical/referrals/${encodeURIComponent(reference)}`,
  /** The disclosed report of a referral as its signed export, for `habeas medical verify`. */
  medicalReferralSigned: (reference: string) => `/medical/referrals/${encodeURIComponent(reference)}/signed`,
  /**
   * Criminal case files (issue 20): the procurator's and judge's list, a case file, opening one,
   * every step of the file (a form page at GET, the post at POST of the same path), one defendant's
   * steps, the register of officials, and the case statistics the monitor sees.
   */
  cases: '/cases',
  caseNew: '/cases/new',
  caseFile: (caseId: string) => `/cases/${encodeURIComponent(caseId)}`,
  /** A step of the file: `allegations`, `suspects`, `documents`, `victims`, `redress`, `court-referrals`, … */
  caseStep: (caseId: string, step: string) =>
    `/cases/${encodeURIComponent(caseId)}/${encodeURIComponent(step)}`,
  casePayment: (caseId: string, redressId: string) =>
    `/cases/${encodeURIComponent(caseId)}/redress/${encodeURIComponent(redressId)}/payments`,
  /** A step of one defendant: `suspension`, `charges`, `verdicts`, `appeals`, `appeal-decisions`. */
  caseDefendantStep: (caseId: string, officialId: string, step: string) =>
    `/cases/${encodeURIComponent(caseId)}/defendants/${encodeURIComponent(officialId)}/${encodeURIComponent(step)}`,
  /** The documents form's digest of a file picked in the browser (progressive enhancement only). */
  caseFormsScript: '/static/case-forms.js',
  caseStatistics: '/cases/statistics',
  officials: '/officials',
  officialNew: '/officials/new',
  official: (officialId: string) => `/officials/${encodeURIComponent(officialId)}`,
  officialEdit: (officialId: string) => `/officials/${encodeURIComponent(officialId)}/edit`,
  /**
   * Account administration (issue 18 item 4): people's accounts and service accounts, and the
   * administrator's changes to them (disable, enable, a temporary password, revoke a token).
   */
  accounts: '/accounts',
  accountUser: (id: string) => `/accounts/users/${encodeURIComponent(id)}`,
  accountUserDisable: (id: string) => `/accounts/users/${encodeURIComponent(id)}/disable`,
  accountUserEnable: (id: string) => `/accounts/users/${encodeURIComponent(id)}/enable`,
  accountUserPassword: (id: string) => `/accounts/users/${encodeURIComponent(id)}/password`,
  accountToken: (id: string) => `/accounts/tokens/${encodeURIComponent(id)}`,
  accountTokenRevoke: (id: string) => `/accounts/tokens/${encodeURIComponent(id)}/revoke`,
  style: '/static/style.css',
  icon: '/static/icon.svg',
  htmx: '/static/htmx.min.js',
  /** An opened recording or file of a complaint (the API serves it to the complaints officer's session, audited). */
  complaintMedia: (reference: string, sha256: string) =>
    `/api/v1/complaints/${encodeURIComponent(reference)}/media/${encodeURIComponent(sha256)}`,
  /** The API endpoints an auditor uses (DESIGN.md "HTTP API"). */
  api: {
    checkpoint: '/api/v1/log/checkpoint',
    inclusion: '/api/v1/log/proof/inclusion?index=&size=',
    consistency: '/api/v1/log/proof/consistency?from=&to=',
    entries: '/api/v1/log/entries?start=&end=',
    sealingKey: '/api/v1/sealing/key',
    procuratorSealingKey: '/api/v1/sealing/procurator-key',
  },
} as const;

const SAME_ORIGIN_BASE = 'http://habeas.invalid';
/**
 * Control characters (browsers drop tabs and line breaks, so `/\t/evil` becomes `//evil`) and
 * backslashes (`/\evil` is `//evil` to a browser): never part of our own links.
 */
function hasUnsafeCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || char === '\\') return true;
  }
  return false;
}

/** A path that every browser resolves on this origin: one leading slash, then nothing that reads as a host. */
function isSameOriginPath(path: string): boolean {
  return (
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !hasUnsafeCharacter(path) &&
    new URL(path, SAME_ORIGIN_BASE).origin === SAME_ORIGIN_BASE
  );
}

/**
 * Where to go after signing in: only a path on this site, so a crafted link cannot send someone
 * elsewhere (open redirect). Normalised first, then judged: `/.//evil`, `/..//evil` and
 * `/%2e//evil` are `//evil` once their dot segments are resolved, which a browser reads as
 * another host; whatever the normalised path is, it must still be a path of this origin.
 */
export function localPath(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return paths.home;
  if (!next.startsWith('/') || hasUnsafeCharacter(next)) return paths.home;
  let url: URL;
  try {
    url = new URL(next, SAME_ORIGIN_BASE);
  } catch {
    return paths.home;
  }
  if (url.origin !== SAME_ORIGIN_BASE) return paths.home;
  const normalised = url.pathname + url.search + url.hash;
  return isSameOriginPath(normalised) ? normalised : paths.home;
}

/** The same path with `lang` set, keeping the other query parameters: the language switch's links. */
export function withLang(pathAndQuery: string, lang: string): string {
  const url = new URL(localPath(pathAndQuery), 'http://habeas.invalid');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}
