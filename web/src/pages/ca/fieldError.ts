// The text to put under a form field for a server error about that field: the title alone (the
// detail repeats it with the field name appended), in the chosen language.
import { ApiError } from '../../api/client';

export function fieldErrorText(e: ApiError, lang: 'vi' | 'en'): string {
  const p = e.problem;
  const title = lang === 'vi' ? p.title || p.title_en : p.title_en || p.title;
  return title || e.text(lang);
}
