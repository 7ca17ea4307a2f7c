import type { PropsWithChildren } from '@kitajs/html';
import type { PageContext } from '../context.js';
import type { FieldError } from '../forms.js';
import { LANGUAGES } from '../i18n.js';
import { paths, withLang } from '../paths.js';
import { ErrorSummary } from './error-summary.js';

export interface LayoutProps {
  ctx: PageContext;
  /** The page's title, plain text (the `<h1>` is the page's own). */
  title: string;
  /** Problems with the submitted form: summarised at the top of the page, before the heading. */
  errors?: readonly FieldError[];
}

/**
 * The shell of every page: skip link, header with the service and the signed-in official, the
 * language switch, the role's navigation, main and the footer with the log's size (DESIGN.md "Pages").
 * It works without JavaScript; htmx only enhances (served by this app, never from another host).
 */
export function Layout(props: PropsWithChildren<LayoutProps>): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  const errors = props.errors ?? [];
  // A page named after the service itself (the public home) is titled by what the service is, not "Habeas — Habeas".
  const service = tr.attr('service.name');
  const page = props.title === service ? tr.attr('service.tagline') : props.title;
  const title = `${errors.length > 0 ? tr.attr('title.errorPrefix') + ' ' : ''}${page} — ${service}`;
  return (
    <html lang={tr.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title safe>{title}</title>
        <link rel="stylesheet" href={paths.style} />
        <link rel="icon" href={paths.icon} type="image/svg+xml" />
        {/* htmx's own indicator styles would be an inline <style>, which the content security policy forbids. */}
        <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
        <script src={paths.htmx} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {tr.t('skip')}
        </a>
        <header class="header">
          <div class="header__inner width">
            <div class="header__service">
              <a class="header__name" href={paths.home}>
                {tr.t('service.name')}
              </a>
              <span class="header__tagline">{tr.t('service.tagline')}</span>
            </div>
            <nav class="lang" aria-label={tr.attr('lang.label')}>
              <ul class="lang__list">
                {LANGUAGES.map((lang) => (
                  <li>
                    <a
                      class="lang__link"
                      href={withLang(ctx.path, lang)}
                      lang={lang}
                      hreflang={lang}
                      aria-current={lang === tr.lang ? 'true' : undefined}
                    >
                      {tr.t(`lang.${lang}`)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          {ctx.principal ? <Official ctx={ctx} /> : ''}
        </header>
        <Navigation ctx={ctx} />
        <main class="main width" id="main" tabindex="-1">
          <ErrorSummary tr={tr} errors={errors} />
          {props.children}
        </main>
        <footer class="footer">
          <div class="width footer__inner">
            <p class="footer__log">
              {tr.t('footer.treeSize', { size: ctx.treeSize })}{' '}
              <a href={paths.log}>{tr.t('footer.logLink')}</a>
            </p>
            <p class="footer__about">{tr.t('footer.about')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Who is signed in: name, role and the facilities the account is scoped to. */
function Official(props: { ctx: PageContext }): JSX.Element {
  const { tr, principal } = props.ctx;
  if (!principal) return '';
  const facilities =
    props.ctx.facilityNames.length > 0 ? props.ctx.facilityNames.join(', ') : tr.attr('header.national');
  return (
    <div class="official">
      <dl class="official__list width">
        <div class="official__item">
          <dt>{tr.t('header.signedInAs')}</dt>
          <dd safe>{principal.name}</dd>
        </div>
        <div class="official__item">
          <dt>{tr.t('header.role')}</dt>
          <dd>{tr.t(`role.${principal.role}`)}</dd>
        </div>
        <div class="official__item">
          <dt>{tr.t('header.facilities')}</dt>
          <dd safe>{facilities}</dd>
        </div>
      </dl>
    </div>
  );
}

/** The role's links (decided by the access policy) and, for an official, the sign-out button. */
function Navigation(props: { ctx: PageContext }): JSX.Element {
  const { tr, navigation, principal, csrfToken } = props.ctx;
  const current = props.ctx.path.split('?')[0];
  return (
    <nav class="nav" aria-label={tr.attr('nav.label')}>
      <ul class="nav__list width">
        {navigation.map((link) => (
          <li class="nav__item">
            <a class="nav__link" href={link.href} aria-current={link.href === current ? 'page' : undefined}>
              {tr.t(link.label)}
            </a>
          </li>
        ))}
        {principal ? (
          <li class="nav__item nav__item--end">
            <form class="nav__form" method="post" action={paths.logout}>
              <input type="hidden" name="_csrf" value={csrfToken ?? ''} />
              <button class="nav__button" type="submit">
                {tr.t('nav.logout')}
              </button>
            </form>
          </li>
        ) : (
          ''
        )}
      </ul>
    </nav>
  );
}
