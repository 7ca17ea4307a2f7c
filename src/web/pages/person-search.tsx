import { NO_SEARCH, PersonSearch, type PersonSearchState } from '../components/person-search.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { paths } from '../paths.js';

/**
 * The search of the register (issue 18 item 10), for every role that reads people's records:
 * within the searcher's scope by name and date of birth, and by an identity document — which
 * finds someone registered elsewhere only for the staff who register arrests and admissions.
 */
export function PersonSearchPage(props: {
  ctx: PageContext;
  search: PersonSearchState | null;
  /** The print view of the matches (posted like the search, and recorded like it). */
  printing?: boolean;
}): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  const errors = props.search?.errors ?? [];
  return (
    <Layout ctx={ctx} title={tr.attr('search.page.title')} errors={errors}>
      <h1 class="heading-xl">{tr.t('search.page.title')}</h1>
      <PersonSearch
        ctx={ctx}
        action={paths.peopleSearch}
        search={props.search ?? NO_SEARCH}
        lead="search.lead.page"
        printing={props.printing === true}
      />
    </Layout>
  );
}
