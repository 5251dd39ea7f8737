// Vietnamese first, English on request. Texts live beside the components that show them:
// t('Tiếng Việt', 'English') picks one; the choice is kept in localStorage and sets <html lang>.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Lang } from './format';

interface LangContext {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (vi: string, en: string) => string;
}

const Ctx = createContext<LangContext>({ lang: 'vi', setLang: () => undefined, t: (vi) => vi });

const KEY = 'chungthu.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'en' || saved === 'vi') return saved;
  } catch {
    /* storage may be disabled */
  }
  return 'vi';
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(KEY, l);
    } catch {
      /* ignore */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<LangContext>(() => ({ lang, setLang, t: translator(lang) }), [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** t(vi, en) for `lang`, where a language is at hand without the context (table column builders). */
export function translator(lang: Lang): (vi: string, en: string) => string {
  return (vi, en) => (lang === 'vi' ? vi : en);
}

export function useLang(): LangContext {
  return useContext(Ctx);
}
