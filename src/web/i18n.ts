import i18next from 'i18next';
// Imported (not read from disk) so that `tsc` copies them to dist/ and the built app finds them.
import en from './locales/en.json' with { type: 'json' };
import kk from './locales/kk.json' with { type: 'json' };
import ru from './locales/ru.json' with { type: 'json' };

/** The interface languages, in the order the language switch shows them. */
export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Every text of the pages has a key in en.json; ru.json and kk.json must have the same keys. */
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

/**
 * The translation files. The annotation makes `tsc` refuse a Russian or Kazakh file that lacks a key
 * of the English one; test/web/i18n.test.ts checks the other direction (no stray keys).
 */
export const MESSAGES: Record<Lang, Messages> = { en, ru, kk };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Interpolation values; i18next HTML-escapes each one (escapeValue), so names are safe inside texts. */
export type MessageValues = Record<string, string | number>;

/**
 * A language's texts. `t` returns HTML-safe text: the translation files hold no markup (checked by
 * test/web/i18n.test.ts) and interpolated values are escaped. Use it as element content; for an
 * attribute (escaped by @kitajs/html itself) use `attr`, which does not escape a second time.
 */
export interface Translator {
  readonly lang: Lang;
  t(key: MessageKey, values?: MessageValues): string;
  attr(key: MessageKey, values?: MessageValues): string;
}

const i18n = i18next.createInstance();
void i18n.init({
  resources: {
    en: { translation: MESSAGES.en },
    ru: { translation: MESSAGES.ru },
    kk: { translation: MESSAGES.kk },
  },
  supportedLngs: [...LANGUAGES],
  lng: 'ru',
  // Russian is the working language of these institutions (RULES.md, "Terms in the interface languages").
  fallbackLng: 'ru',
  // Flat keys ("login.title"): one line per text, easy for a reviewer to find and compare.
  keySeparator: false,
  nsSeparator: false,
  initAsync: false,
  interpolation: { escapeValue: true },
});

const translators = new Map<Lang, Translator>(
  LANGUAGES.map((lang) => {
    const fixed = i18n.getFixedT(lang);
    const translator: Translator = {
      lang,
      t: (key, values) => fixed(key, values ?? {}),
      attr: (key, values) => fixed(key, { ...values, interpolation: { escapeValue: false } }),
    };
    return [lang, translator];
  }),
);

export function translator(lang: Lang): Translator {
  // Every Lang has an entry (built from LANGUAGES above).
  return translators.get(lang) as Translator;
}
