// An area's own messages (supervisor, admin, ...): kept in the area's folder and loaded with its
// screens, so a customer's help center never downloads them. Typed as the main catalog is: each
// language is `Record<key of English, string>`, so a missing translation fails the build.
import type { Language } from "./catalog";
import { useI18n } from "./i18n";

export type AreaCatalogs<K extends string> = { en: Record<K, string> } & Record<Exclude<Language, "en">, Record<K, string>>;

export type AreaTranslate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

export function areaTranslator<K extends string>(catalogs: AreaCatalogs<K>, language: Language): AreaTranslate<K> {
  const catalog = catalogs[language];
  return (key, params) =>
    catalog[key].replace(/\{(\w+)\}/g, (match, name: string) => (params && name in params ? String(params[name]) : match));
}

/** The area's translate function in the console's current language. */
export function useAreaI18n<K extends string>(catalogs: AreaCatalogs<K>): AreaTranslate<K> {
  return areaTranslator(catalogs, useI18n().language);
}
