import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import fr from './fr.json';

export type Language = 'fr' | 'en';
export const languages: readonly Language[] = ['fr', 'en'];
const STORAGE_KEY = 'guichet.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
  }
}

/** French ships with the app; English is fetched the first time someone switches to it. */
const loaders: Record<Language, () => Promise<typeof fr>> = {
  fr: async () => fr,
  en: async () => (await import('./en.json')).default,
};

export const isLanguage = (v: unknown): v is Language => v === 'fr' || v === 'en';

/** The language chosen with the switcher on this browser, if any. */
export function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

void i18n.use(initReactI18next).init({
  lng: 'fr',
  fallbackLng: 'fr',
  supportedLngs: ['fr', 'en'],
  resources: { fr: { translation: fr } },
  interpolation: { escapeValue: false },
  initAsync: false,
  react: { useSuspense: false },
});

export async function applyLanguage(lng: Language, opts: { remember?: boolean } = {}): Promise<void> {
  if (!i18n.hasResourceBundle(lng, 'translation')) {
    i18n.addResourceBundle(lng, 'translation', await loaders[lng]());
  }
  await i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
  if (opts.remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // private browsing: the choice lasts for this page only
    }
  }
}

export function forgetLanguage(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}

export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : 'fr');

export { i18n };
