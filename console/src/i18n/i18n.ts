import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { CATALOGS, LANGUAGES, type Language, type MessageKey } from "./catalog";

const STORAGE_KEY = "cc.language";

/** The language to start in: the one picked before, else the browser's first supported one. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLanguage(base)) return base;
  }
  return "en";
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Switch the document's language: <html lang> (screen readers, fonts, hyphenation) and storage. */
export function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  localStorage.setItem(STORAGE_KEY, language);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const catalog = CATALOGS[language];
  return (key, params) =>
    catalog[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      params && name in params ? String(params[name]) : match,
    );
}

export interface I18n {
  language: Language;
  t: Translate;
  setLanguage: (language: Language) => void;
  formatDate: (iso: string) => string;
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n outside I18nContext");
  return i18n;
}

const LOCALES: Record<Language, string> = { en: "en-GB", nl: "nl-NL", zh: "zh-CN", ko: "ko-KR" };

export function dateFormatter(language: Language): (iso: string) => string {
  const format = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: "medium", timeStyle: "short" });
  return (iso) => format.format(new Date(iso));
}
