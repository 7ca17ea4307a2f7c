import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import type { MessageKey } from '../i18n.js';
import { paths } from '../paths.js';

/** The pages for a refusal or a failure: what happened and what to do next, in the reader's language. */
export type Problem =
  'forbidden' | 'expired' | 'not-found' | 'too-many' | 'bad-request' | 'unavailable' | 'error';

const TEXTS: Record<Problem, { title: MessageKey; body: MessageKey }> = {
  forbidden: { title: 'problem.forbidden.title', body: 'problem.forbidden.body' },
  expired: { title: 'problem.expired.title', body: 'problem.expired.body' },
  'not-found': { title: 'problem.notFound.title', body: 'problem.notFound.body' },
  'too-many': { title: 'problem.tooMany.title', body: 'problem.tooMany.body' },
  'bad-request': { title: 'problem.badRequest.title', body: 'problem.badRequest.body' },
  unavailable: { title: 'problem.unavailable.title', body: 'problem.unavailable.body' },
  error: { title: 'problem.error.title', body: 'problem.error.body' },
};

export function ProblemPage(props: { ctx: PageContext; problem: Problem }): JSX.Element {
  const { tr } = props.ctx;
  const text = TEXTS[props.problem];
  return (
    <Layout ctx={props.ctx} title={tr.attr(text.title)}>
      <h1 class="heading-xl">{tr.t(text.title)}</h1>
      <p>{tr.t(text.body)}</p>
      <p>
        <a href={paths.home}>{tr.t('problem.home')}</a>
      </p>
    </Layout>
  );
}
