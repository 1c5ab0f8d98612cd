/** How crmflow names an exception path, an SLA breach or an else branch on a drawn edge, in the reader's language. */
import { durationIn, t, type Lang } from '../i18n/index.js';

/** The label of an edge: a path's own name as written, else crmflow's word for it in `lang`. */
export function edgeLabel(e: { kind: string; name?: string; label?: string }, lang: Lang): string | undefined {
  if (e.name) return e.name;
  const text = e.label;
  if (!text || lang === 'en') return text;
  if (e.kind === 'else') return t(lang, 'path.else');
  if (e.kind === 'breach' && text.startsWith('SLA ')) return t(lang, 'path.sla', { within: durationIn(lang, text.slice(4)) });
  if (e.kind === 'exception' && text.startsWith('recycle ')) return t(lang, 'path.recycle', { after: durationIn(lang, text.slice(8)) });
  if (e.kind === 'exception' && (text === 'error' || text === 'rejected' || text === 'timeout')) return t(lang, `path.${text}`);
  return text;
}
