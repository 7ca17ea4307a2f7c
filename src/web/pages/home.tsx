import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { paths } from '../paths.js';

/** The home page: for the public, what Habeas is and where to check it; for an official, their work. */
export function HomePage(props: { ctx: PageContext; notice?: JSX.Element }): JSX.Element {
  return props.ctx.principal ? (
    <Dashboard ctx={props.ctx} notice={props.notice} />
  ) : (
    <PublicHome ctx={props.ctx} />
  );
}

function PublicHome(props: { ctx: PageContext }): JSX.Element {
  const { tr } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={tr.attr('home.public.title')}>
      <h1 class="heading-xl">{tr.t('home.public.title')}</h1>
      <p class="lead">{tr.t('home.public.lead')}</p>
      <h2 class="heading-m">{tr.t('home.public.checkTitle')}</h2>
      <p>{tr.t('home.public.check')}</p>
      <p>
        <a class="button button--secondary" href={paths.log}>
          {tr.t('home.public.logLink')}
        </a>
      </p>
      <h2 class="heading-m">{tr.t('home.public.staffTitle')}</h2>
      <p>{tr.t('home.public.staff')}</p>
      <p>
        <a href={paths.login}>{tr.t('home.public.loginLink')}</a>
      </p>
    </Layout>
  );
}

/** What the official's role does (DESIGN.md "Who uses it") and the tasks their role may start here. */
function Dashboard(props: { ctx: PageContext; notice?: JSX.Element | undefined }): JSX.Element {
  const { tr, principal, navigation } = props.ctx;
  if (!principal) return '';
  const tasks = navigation.filter((link) => link.href !== paths.home);
  return (
    <Layout ctx={props.ctx} title={tr.attr('home.official.title')}>
      {props.notice ?? ''}
      <h1 class="heading-xl">{tr.t('home.official.title')}</h1>
      <p class="lead">
        {tr.t(`role.${principal.role}`)}: {tr.t(`role.${principal.role}.does`)}
      </p>
      <h2 class="heading-m">{tr.t('home.official.tasks')}</h2>
      <ul class="cards">
        {tasks.map((link) => (
          <li class="card">
            <h3 class="card__title">
              <a href={link.href}>{tr.t(link.label)}</a>
            </h3>
            <p class="card__text">{tr.t(link.description)}</p>
          </li>
        ))}
      </ul>
      {tasks.every((link) => link.href === paths.log) ? <p>{tr.t('home.official.noTasks')}</p> : ''}
    </Layout>
  );
}
