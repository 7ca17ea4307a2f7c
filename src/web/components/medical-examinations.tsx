import { can } from '../../access/policy.js';
import type { Principal } from '../../access/principal.js';
import { AccessDeniedError } from '../../app/errors.js';
import { episodeExaminations, type ExaminationSummary } from '../../app/medical.js';
import type { Store } from '../../store/types.js';
import type { Episode } from '../../domain/medical/events.js';
import type { PageContext } from '../context.js';
import { examinationKindName, fitnessName } from '../medical-labels.js';
import { paths } from '../paths.js';
import { momentColumn, textColumn } from './list-columns.js';
import { RegisterList } from './register-list.js';
import { RuleTags } from './rule-tag.js';

/**
 * The examinations of an episode for its page (GET /api/v1/medical/episodes/…/examinations, its
 * policy and service), or null when the reader may not know that examinations took place there.
 */
export async function medicalSummaryOf(
  services: { store: Store },
  principal: Principal | null,
  episode: Episode,
): Promise<ExaminationSummary[] | null> {
  if (!can(principal, 'medical.summary')) return null;
  try {
    return await episodeExaminations(services, principal, episode);
  } catch (error) {
    if (error instanceof AccessDeniedError) return null;
    throw error;
  }
}

/**
 * What custody and prison staff, governors and oversight see of the doctors' examinations of an
 * episode (issue 19 item 1; kz.medical.system): the kind, when, by whom, and fit or unfit for a
 * measure — never what was found. A health official of the facility also gets the links to the
 * medical record and to record an examination of this episode. Nothing for a reader who may not
 * know that examinations took place (`medical.summary`).
 */
export function MedicalExaminationsSection(props: {
  ctx: PageContext;
  /** Null: the reader may not see them. */
  examinations: readonly ExaminationSummary[] | null;
  personId: string;
  episode: Episode;
}): JSX.Element {
  const { ctx, examinations } = props;
  const { tr } = ctx;
  if (examinations === null) return '';
  const clinician = can(ctx.principal, 'medical.write');
  return (
    <section class="section" aria-labelledby="medical-examinations-title">
      <h2 class="heading-l" id="medical-examinations-title">
        {tr.t('medicalSummary.title')}
      </h2>
      <p>
        {tr.t('medicalSummary.lead')} <RuleTags rules={['kz.medical.system']} />
      </p>
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id="medical-examinations"
          action={paths.home}
          caption={tr.attr('medicalSummary.title')}
          empty={tr.attr('medicalSummary.empty')}
          columns={[
            momentColumn(tr, 'at', tr.attr('medical.examination.at'), (row: ExaminationSummary) => row.at),
            textColumn('kind', tr.attr('medical.examination.kind'), (row: ExaminationSummary) =>
              examinationKindName(tr, row.kind),
            ),
            textColumn(
              'clinician',
              tr.attr('medical.clinician'),
              (row: ExaminationSummary) => row.clinicianName,
            ),
            textColumn('fitness', tr.attr('medicalSummary.fitness'), (row: ExaminationSummary) =>
              row.fitness === null ? tr.attr('medicalSummary.fitness.none') : fitnessName(tr, row.fitness),
            ),
          ]}
          rows={examinations}
          total={examinations.length}
          nextPage={null}
        />
      </div>
      {clinician ? (
        <p>
          <a href={paths.medicalRecord(props.personId)}>{tr.t('medicalSummary.recordLink')}</a>
          {' · '}
          <a
            href={paths.medicalExaminationNew(props.personId, `${props.episode.context}:${props.episode.id}`)}
          >
            {tr.t('medical.examination.new')}
          </a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}
