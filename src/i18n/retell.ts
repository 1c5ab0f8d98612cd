/**
 * Says an English message again in another language by matching it against its catalog
 * template. For text made where `msg` cannot remember it: simulation warnings come back from
 * worker threads as plain strings, and the report's JSON keeps them in English.
 */
import { CATALOGS, t, type Lang, type MessageId } from './index.js';

const patterns = new Map<MessageId, { re: RegExp; names: string[] }>();

function patternOf(id: MessageId): { re: RegExp; names: string[] } {
  let p = patterns.get(id);
  if (!p) {
    const names: string[] = [];
    const source = CATALOGS.en[id]
      .split(/(\{\w+\})/)
      .map((piece) => {
        const m = /^\{(\w+)\}$/.exec(piece);
        if (!m) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1]!);
        return '(.*?)';
      })
      .join('');
    p = { re: new RegExp(`^${source}$`, 's'), names };
    patterns.set(id, p);
  }
  return p;
}

/** `text` in `lang` when one of `ids` made it (parameters kept as they are), else `text`. */
export function retell(text: string, lang: Lang, ids: readonly MessageId[]): string {
  if (lang === 'en') return text;
  for (const id of ids) {
    const { re, names } = patternOf(id);
    const m = re.exec(text);
    if (m) return t(lang, id, Object.fromEntries(names.map((n, i) => [n, m[i + 1]!])));
  }
  return text;
}
