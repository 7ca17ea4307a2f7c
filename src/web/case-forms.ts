import type { CaseStep, DefendantStep } from '../app/cases.js';
import { momentFromLocal } from './custody-time.js';
import type { FieldMessages, FormValues } from './forms.js';

/*
 * The case file's forms (issue 20 item 9) as data: for each form, the inputs it sends in the
 * order of the page, how its values become the body of the service's step (src/app/cases.ts,
 * whose Zod schemas in src/domain/cases/inputs.ts judge it), and the words for each field when
 * the service finds it empty, wrong, or refused by a rule. Nothing is checked here that the
 * schema checks: a value that is not what the schema wants is sent as typed, so that the schema's
 * issue names the field (an empty text is "required", anything else "invalid").
 */

/** The forms of the whole file: the service's steps, and joining an allegation, identifying a suspect. */
export type CaseFormStep = 'allegations' | 'suspects' | CaseStep;
/** Every form: the file's, one defendant's, and a payment of an award. */
export type CaseFormKind = CaseFormStep | DefendantStep | 'payments';

/** A verdict's or an appeal court's sentence: this many rows of penalties (a row left empty is none). */
export const PENALTY_ROWS = 3;

export const penaltyField = (index: number, part: 'kind' | 'months' | 'amountKzt'): string =>
  `penalty-${index}-${part}`;

const PENALTY_FIELDS = Array.from({ length: PENALTY_ROWS }, (_, index) => [
  penaltyField(index, 'kind'),
  penaltyField(index, 'months'),
  penaltyField(index, 'amountKzt'),
]).flat();

/** The radio value of "the whole case" where a form asks whose prosecution (discontinuation, resumption). */
export const WHOLE_CASE = 'case';

/**
 * Each form's inputs in the page's order (a moment's offset follows its moment). The checkbox
 * groups are LIST_FIELDS; `q` is the suspects form's search, carried so that a refused form shows
 * the same officials again.
 */
export const FORM_FIELDS: Record<CaseFormKind, readonly string[]> = {
  allegations: ['kind', 'reference', 'joinedOn'],
  suspects: ['officialId', 'identifiedAt', 'identifiedAt-offset', 'q'],
  update: ['investigatingBody', 'tags', 'reason'],
  victims: ['name', 'personId', 'recognisedOn'],
  documents: ['kind', 'title', 'dated', 'submittedBy', 'sha256', 'size', 'mediaType'],
  redress: ['victimId', 'by', 'category', 'purpose', 'amountKzt', 'decidedOn'],
  payments: ['amountKzt', 'paidOn'],
  rehabilitation: ['victimId', 'measure', 'description', 'providedOn'],
  'evidence-exclusions': ['description', 'documentId', 'by', 'excludedOn'],
  nullities: ['documentIds', 'basis', 'by', 'voidedOn'],
  discontinuations: ['officialId', 'ground', 'evidence', 'reason', 'discontinuedOn'],
  resumptions: ['officialId', 'by', 'reason', 'resumedOn'],
  'court-referrals': ['officialIds', 'courtName', 'courtRegion', 'sentOn'],
  suspension: ['suspendedAt', 'suspendedAt-offset', 'orderedBy'],
  charges: ['article', 'chargedOn'],
  verdicts: [
    'courtName',
    'courtRegion',
    'outcome',
    'article',
    ...PENALTY_FIELDS,
    'suspended',
    'probationMonths',
    'pleaAgreement',
    'decidedOn',
  ],
  appeals: ['by', 'filedOn'],
  'appeal-decisions': [
    'courtName',
    'courtRegion',
    'result',
    'outcome',
    'article',
    ...PENALTY_FIELDS,
    'suspended',
    'probationMonths',
    'decidedOn',
  ],
};

/** The checkbox groups: every ticked value is sent. */
export const LIST_FIELDS: Partial<Record<CaseFormKind, readonly string[]>> = {
  nullities: ['documentIds'],
  discontinuations: ['evidence'],
  'court-referrals': ['officialIds'],
};

/** The fields an error may name, in the page's order: the inputs less the offsets and the search. */
export function errorFields(kind: CaseFormKind): string[] {
  return FORM_FIELDS[kind].filter((field) => !field.endsWith('-offset') && field !== 'q');
}

/** A submitted form: its text values, and the values of its checkbox groups. */
export interface CaseFormInput {
  values: FormValues;
  lists: Record<string, string[]>;
}

/** The body for the service, and how the service's field names are this form's. */
export interface CaseFormBody {
  body: Record<string, unknown>;
  formField(apiField: string): string;
}

const text = (values: FormValues, field: string): string => (values[field] ?? '').trim();

/** Typed text with its spaces taken out ("1 500 000" is 1500000); as typed when not a whole number. */
function whole(value: string): number | string {
  const compact = value.replace(/[\s\u00a0\u202f]/g, '');
  return /^\d{1,16}$/.test(compact) ? Number(compact) : value;
}

/** An optional whole number: null when empty. */
const optionalWhole = (value: string): number | string | null => (value === '' ? null : whole(value));

/** A moment typed on the wall clock at its offset, as ISO 8601; as typed when it is not a real one. */
function moment(values: FormValues, field: string): string {
  const local = text(values, field);
  const at = momentFromLocal(local, text(values, `${field}-offset`));
  return at === null ? local : at;
}

const court = (values: FormValues) => ({
  name: text(values, 'courtName'),
  region: text(values, 'courtRegion'),
});

const courtField = (field: string): string | null =>
  field === 'court' || field === 'court.name' ? 'courtName' : field === 'court.region' ? 'courtRegion' : null;

/** The sentence's rows that say anything, with the form's row of each. */
function penalties(values: FormValues): { rows: number[]; list: Record<string, unknown>[] } {
  const rows: number[] = [];
  const list: Record<string, unknown>[] = [];
  for (let index = 0; index < PENALTY_ROWS; index++) {
    const kind = text(values, penaltyField(index, 'kind'));
    const months = text(values, penaltyField(index, 'months'));
    const amount = text(values, penaltyField(index, 'amountKzt'));
    if (kind === '' && months === '' && amount === '') continue;
    rows.push(index);
    list.push({ kind, months: optionalWhole(months), amountKzt: optionalWhole(amount) });
  }
  return { rows, list };
}

/**
 * The sentence as the form gives it: null when nothing of it was entered (an acquittal, or an
 * appeal that changes nothing); with its penalties, whether suspended and the probation otherwise.
 * `sentence.penalties.1.months` is the form's row of that penalty.
 */
function sentence(values: FormValues): {
  sentence: Record<string, unknown> | null;
  field(apiField: string): string | null;
} {
  const { rows, list } = penalties(values);
  const suspended = text(values, 'suspended') === 'yes';
  const probation = text(values, 'probationMonths');
  const given = list.length > 0 || suspended || probation !== '';
  return {
    sentence: given ? { penalties: list, suspended, probationMonths: optionalWhole(probation) } : null,
    field(apiField) {
      if (apiField === 'sentence' || apiField === 'sentence.penalties') return penaltyField(0, 'kind');
      const row = /^sentence\.penalties\.(\d+)(?:\.(kind|months|amountKzt))?$/.exec(apiField);
      if (row) {
        const index = rows[Number(row[1])] ?? 0;
        return penaltyField(index, (row[2] as 'kind' | 'months' | 'amountKzt' | undefined) ?? 'kind');
      }
      if (apiField.startsWith('sentence.')) return apiField.slice('sentence.'.length);
      return null;
    },
  };
}

/** The service's field names and this form's: the same, but for those named here. */
function renamed(names: Record<string, string>, first: string): (field: string) => string {
  return (field) => {
    if (Object.hasOwn(names, field)) return names[field] as string;
    const head = field.split('.')[0] ?? '';
    if (Object.hasOwn(names, head)) return names[head] as string;
    // A refusal about the record the address names (the defendant, the award) is the form's as a whole.
    return field === 'officialId' || field === 'redressId' || field === '' ? first : field;
  };
}

/** The body of each form, from what was typed. */
export function caseFormBody(kind: CaseFormKind, input: CaseFormInput): CaseFormBody {
  const { values, lists } = input;
  const get = (field: string) => text(values, field);
  const first = errorFields(kind)[0] ?? '';
  switch (kind) {
    case 'allegations':
      return {
        body: { source: { kind: get('kind'), reference: get('reference') }, joinedOn: get('joinedOn') },
        formField: renamed({ 'source.kind': 'kind', source: 'reference', sources: 'reference' }, first),
      };
    case 'suspects':
      return {
        body: { officialId: get('officialId'), identifiedAt: moment(values, 'identifiedAt') },
        formField: (field) => (field === 'officialId' ? 'officialId' : renamed({}, first)(field)),
      };
    case 'update': {
      const tags = get('tags')
        .split(/[\s,;]+/)
        .filter((tag) => tag !== '')
        .map((tag) => tag.toLowerCase());
      return {
        body: { investigatingBody: get('investigatingBody'), tags, reason: get('reason') },
        formField: renamed({}, first),
      };
    }
    case 'victims':
      return {
        body: {
          name: get('name'),
          ...(get('personId') === '' ? {} : { personId: get('personId') }),
          recognisedOn: get('recognisedOn'),
        },
        formField: renamed({}, first),
      };
    case 'documents':
      return {
        body: {
          kind: get('kind'),
          title: get('title'),
          dated: get('dated'),
          submittedBy: get('submittedBy'),
          digest: {
            sha256: get('sha256').toLowerCase(),
            size: whole(get('size')),
            mediaType: get('mediaType').toLowerCase(),
          },
        },
        formField: renamed(
          {
            'digest.sha256': 'sha256',
            'digest.size': 'size',
            'digest.mediaType': 'mediaType',
            digest: 'sha256',
          },
          first,
        ),
      };
    case 'redress':
      return {
        body: {
          victimId: get('victimId'),
          by: get('by'),
          category: get('category'),
          purpose: get('purpose'),
          amountKzt: whole(get('amountKzt')),
          decidedOn: get('decidedOn'),
        },
        formField: renamed({}, first),
      };
    case 'payments':
      return {
        body: { amountKzt: whole(get('amountKzt')), paidOn: get('paidOn') },
        formField: renamed({}, first),
      };
    case 'rehabilitation':
      return {
        body: {
          victimId: get('victimId'),
          measure: get('measure'),
          description: get('description'),
          providedOn: get('providedOn'),
        },
        formField: renamed({}, first),
      };
    case 'evidence-exclusions':
      return {
        body: {
          description: get('description'),
          documentId: get('documentId') === '' ? null : get('documentId'),
          by: get('by'),
          excludedOn: get('excludedOn'),
        },
        formField: renamed({}, first),
      };
    case 'nullities':
      return {
        body: {
          documentIds: lists.documentIds ?? [],
          basis: get('basis'),
          by: get('by'),
          voidedOn: get('voidedOn'),
        },
        formField: renamed({}, first),
      };
    case 'discontinuations':
      return {
        body: {
          officialId: get('officialId') === WHOLE_CASE ? null : get('officialId'),
          ground: get('ground'),
          evidence: lists.evidence ?? [],
          reason: get('reason'),
          discontinuedOn: get('discontinuedOn'),
        },
        // Here the defendant is a field of the form: whose prosecution ends.
        formField: (field) =>
          field === 'officialId' || field === '' ? 'officialId' : renamed({}, first)(field),
      };
    case 'resumptions':
      return {
        body: {
          officialId: get('officialId') === WHOLE_CASE ? null : get('officialId'),
          by: get('by'),
          reason: get('reason'),
          resumedOn: get('resumedOn'),
        },
        formField: (field) =>
          field === 'officialId' || field === '' ? 'officialId' : renamed({}, first)(field),
      };
    case 'court-referrals':
      return {
        body: { officialIds: lists.officialIds ?? [], court: court(values), sentOn: get('sentOn') },
        formField: (field) => courtField(field) ?? renamed({}, first)(field),
      };
    case 'suspension':
      return {
        body: { suspendedAt: moment(values, 'suspendedAt'), orderedBy: get('orderedBy') },
        formField: renamed({}, first),
      };
    case 'charges':
      return {
        body: { article: get('article'), chargedOn: get('chargedOn') },
        formField: renamed({}, first),
      };
    case 'verdicts': {
      const given = sentence(values);
      return {
        body: {
          court: court(values),
          outcome: get('outcome'),
          article: get('article'),
          sentence: given.sentence,
          pleaAgreement: get('pleaAgreement') === 'yes',
          decidedOn: get('decidedOn'),
        },
        formField: (field) => courtField(field) ?? given.field(field) ?? renamed({}, first)(field),
      };
    }
    case 'appeals':
      return { body: { by: get('by'), filedOn: get('filedOn') }, formField: renamed({}, first) };
    case 'appeal-decisions': {
      const given = sentence(values);
      return {
        body: {
          court: court(values),
          result: get('result'),
          outcome: get('outcome') === '' ? null : get('outcome'),
          article: get('article') === '' ? null : get('article'),
          sentence: given.sentence,
          decidedOn: get('decidedOn'),
        },
        formField: (field) => courtField(field) ?? given.field(field) ?? renamed({}, first)(field),
      };
    }
  }
}

const DATE: FieldMessages = {
  required: 'caseForm.error.date.required',
  invalid: 'caseForm.error.date.invalid',
};
const MOMENT: FieldMessages = {
  required: 'caseForm.error.moment.required',
  invalid: 'caseForm.error.moment.invalid',
};
const COURT_NAME: FieldMessages = {
  required: 'caseForm.error.courtName.required',
  invalid: 'caseForm.error.line.invalid',
};
const COURT_REGION: FieldMessages = {
  required: 'caseForm.error.courtRegion.required',
  invalid: 'caseForm.error.courtRegion.required',
};
const ARTICLE: FieldMessages = {
  required: 'caseForm.error.article.required',
  invalid: 'caseForm.error.article.invalid',
};
const DECIDING_BODY: FieldMessages = {
  required: 'caseForm.error.by.required',
  invalid: 'caseForm.error.by.required',
};
const NOTE: FieldMessages = {
  required: 'caseForm.error.note.required',
  invalid: 'caseForm.error.note.invalid',
};
const AMOUNT: FieldMessages = {
  required: 'caseForm.error.amount.required',
  invalid: 'caseForm.error.amount.invalid',
};
const MONTHS: FieldMessages = { invalid: 'caseForm.error.months.invalid' };
const VICTIM: FieldMessages = {
  required: 'caseForm.error.victim.required',
  invalid: 'caseForm.error.victim.required',
};

const SENTENCE_MESSAGES: Record<string, FieldMessages> = Object.fromEntries(
  Array.from({ length: PENALTY_ROWS }, (_, index) => [
    [
      penaltyField(index, 'kind'),
      { required: 'caseForm.error.penalty.required', invalid: 'caseForm.error.penalty.required' },
    ],
    [penaltyField(index, 'months'), MONTHS],
    [penaltyField(index, 'amountKzt'), { invalid: 'caseForm.error.amount.invalid' }],
  ]).flat(),
) as Record<string, FieldMessages>;

/**
 * What to say about each field (src/web/forms.ts fieldErrors), keyed in the form's order. A field
 * with no `refused` words shows the refusing rule's own sentence (src/web/refusal-text.ts).
 */
export const FORM_MESSAGES: Record<CaseFormKind, Record<string, FieldMessages>> = {
  allegations: {
    kind: { required: 'caseForm.error.sourceKind.required', invalid: 'caseForm.error.sourceKind.required' },
    reference: {
      required: 'caseForm.error.reference.required',
      invalid: 'caseForm.error.reference.invalid',
    },
    joinedOn: DATE,
  },
  suspects: {
    officialId: {
      required: 'caseForm.error.official.required',
      invalid: 'caseForm.error.official.required',
    },
    identifiedAt: MOMENT,
  },
  update: {
    investigatingBody: {
      required: 'caseForm.error.investigatingBody.required',
      invalid: 'caseForm.error.line.invalid',
    },
    tags: { invalid: 'caseForm.error.tags.invalid' },
    reason: NOTE,
  },
  victims: {
    name: { required: 'caseForm.error.victimName.required', invalid: 'caseForm.error.line.invalid' },
    personId: { invalid: 'caseForm.error.personId.invalid' },
    recognisedOn: DATE,
  },
  documents: {
    kind: {
      required: 'caseForm.error.documentKind.required',
      invalid: 'caseForm.error.documentKind.required',
    },
    title: { required: 'caseForm.error.title.required', invalid: 'caseForm.error.line.invalid' },
    dated: DATE,
    submittedBy: {
      required: 'caseForm.error.submittedBy.required',
      invalid: 'caseForm.error.submittedBy.required',
    },
    sha256: { required: 'caseForm.error.sha256.required', invalid: 'caseForm.error.sha256.invalid' },
    size: { required: 'caseForm.error.size.required', invalid: 'caseForm.error.size.invalid' },
    mediaType: {
      required: 'caseForm.error.mediaType.required',
      invalid: 'caseForm.error.mediaType.invalid',
    },
  },
  redress: {
    victimId: VICTIM,
    by: { required: 'caseForm.error.redressBy.required', invalid: 'caseForm.error.redressBy.required' },
    category: {
      required: 'caseForm.error.category.required',
      invalid: 'caseForm.error.category.required',
    },
    purpose: { required: 'caseForm.error.purpose.required', invalid: 'caseForm.error.purpose.required' },
    amountKzt: AMOUNT,
    decidedOn: DATE,
  },
  payments: { amountKzt: AMOUNT, paidOn: DATE },
  rehabilitation: {
    victimId: VICTIM,
    measure: { required: 'caseForm.error.measure.required', invalid: 'caseForm.error.measure.required' },
    description: NOTE,
    providedOn: DATE,
  },
  'evidence-exclusions': {
    description: NOTE,
    documentId: { invalid: 'caseForm.error.document.invalid' },
    by: DECIDING_BODY,
    excludedOn: DATE,
  },
  nullities: {
    documentIds: {
      required: 'caseForm.error.decisions.required',
      invalid: 'caseForm.error.decisions.required',
    },
    basis: NOTE,
    by: DECIDING_BODY,
    voidedOn: DATE,
  },
  discontinuations: {
    officialId: { required: 'caseForm.error.whose.required', invalid: 'caseForm.error.whose.required' },
    ground: { required: 'caseForm.error.ground.required', invalid: 'caseForm.error.ground.required' },
    evidence: { invalid: 'caseForm.error.document.invalid' },
    reason: NOTE,
    discontinuedOn: DATE,
  },
  resumptions: {
    officialId: { required: 'caseForm.error.whose.required', invalid: 'caseForm.error.whose.required' },
    by: DECIDING_BODY,
    reason: NOTE,
    resumedOn: DATE,
  },
  'court-referrals': {
    officialIds: {
      required: 'caseForm.error.defendants.required',
      invalid: 'caseForm.error.defendants.required',
    },
    courtName: COURT_NAME,
    courtRegion: COURT_REGION,
    sentOn: DATE,
  },
  suspension: {
    suspendedAt: MOMENT,
    orderedBy: { required: 'caseForm.error.orderedBy.required', invalid: 'caseForm.error.line.invalid' },
  },
  charges: { article: ARTICLE, chargedOn: DATE },
  verdicts: {
    courtName: COURT_NAME,
    courtRegion: COURT_REGION,
    outcome: { required: 'caseForm.error.outcome.required', invalid: 'caseForm.error.outcome.required' },
    article: ARTICLE,
    ...SENTENCE_MESSAGES,
    probationMonths: MONTHS,
    decidedOn: DATE,
  },
  appeals: {
    by: { required: 'caseForm.error.appealBy.required', invalid: 'caseForm.error.appealBy.required' },
    filedOn: DATE,
  },
  'appeal-decisions': {
    courtName: COURT_NAME,
    courtRegion: COURT_REGION,
    result: { required: 'caseForm.error.result.required', invalid: 'caseForm.error.result.required' },
    outcome: { invalid: 'caseForm.error.outcome.required' },
    article: ARTICLE,
    ...SENTENCE_MESSAGES,
    probationMonths: MONTHS,
    decidedOn: DATE,
  },
};
