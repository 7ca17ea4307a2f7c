import { describe, expect, test } from 'vitest';
import { LANGUAGES, MESSAGES, translator } from '../../src/web/i18n.js';

const keysOf = (lang: keyof typeof MESSAGES) => Object.keys(MESSAGES[lang]).sort();
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe('translations', () => {
  test('every key exists in all three languages, and no language has a key the others lack', () => {
    const english = keysOf('en');
    expect(english.length).toBeGreaterThan(100);
    for (const lang of LANGUAGES) expect(keysOf(lang)).toEqual(english);
  });

  test('no text is empty, and each keeps the same {{placeholders}} as the English one', () => {
    for (const lang of LANGUAGES) {
      for (const [key, text] of Object.entries(MESSAGES[lang])) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(text), `${lang} ${key}`).toEqual(
          placeholders(MESSAGES.en[key as keyof typeof MESSAGES.en]),
        );
      }
    }
  });

  // t() output goes into pages as HTML: safe only because the files hold plain text (see src/web/i18n.ts).
  test('translation files hold no markup: no <, > or & in any text', () => {
    for (const lang of LANGUAGES) {
      for (const [key, text] of Object.entries(MESSAGES[lang]))
        expect(text, `${lang} ${key}`).not.toMatch(/[<>&]/);
    }
  });

  test('the Kazakh file is Kazakh, not a copy of the Russian: most texts differ and use Kazakh letters', () => {
    const entries = Object.entries(MESSAGES.kk);
    const sameAsRussian = entries.filter(
      ([key, text]) => MESSAGES.ru[key as keyof typeof MESSAGES.ru] === text,
    );
    // Identical only where the word is the same: the service name, language names, "Прокурор", "Судья", "Статистик".
    expect(sameAsRussian.length).toBeLessThan(12);
    const kazakhLetters = entries.filter(([, text]) => /[әғқңөұүһі]/i.test(text));
    expect(kazakhLetters.length / entries.length).toBeGreaterThan(0.6);
  });

  test('RULES.md "Terms in the interface languages": facility kinds use the official terms', () => {
    const ru = MESSAGES.ru;
    const kk = MESSAGES.kk;
    expect(ru['facility.kind.police-custody']).toContain('Изолятор временного содержания (ИВС)');
    expect(ru['facility.kind.remand-centre']).toContain('Следственный изолятор (СИЗО)');
    expect(ru['facility.kind.prison']).toContain('Исправительное учреждение');
    expect(kk['facility.kind.police-custody'].toLowerCase()).toContain('уақытша ұстау изоляторы');
    expect(kk['facility.kind.remand-centre'].toLowerCase()).toContain('тергеу изоляторы');
    expect(kk['facility.kind.prison'].toLowerCase()).toContain('түзеу мекемесі');
    expect(ru['role.monitor']).toContain('Уполномоченный по правам человека');
    expect(kk['role.monitor']).toContain('Адам құқықтары жөніндегі уәкіл');
    expect(kk['home.public.staff']).toContain('ұлттық алдын алу тетігінің (ҰАТ)');
    expect(ru['role.medical.does']).toContain('медицинского освидетельствования');
    expect(kk['role.medical.does']).toContain('медициналық куәландыру');
  });

  test('the translator fills placeholders and escapes them for HTML; attr leaves escaping to the attribute', () => {
    const en = translator('en');
    expect(en.t('footer.treeSize', { size: 42 })).toBe('Entries in the log: 42.');
    expect(en.t('facilities.caption', { count: '<b>' })).toBe('Registered facilities: &lt;b&gt;');
    expect(en.attr('facilities.caption', { count: '<b>' })).toBe('Registered facilities: <b>');
    expect(translator('ru').t('login.title')).toBe('Вход');
    expect(translator('kk').t('login.title')).toBe('Кіру');
  });
});
