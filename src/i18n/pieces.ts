/**
 * Message parameters that are not one catalog entry: translated pieces joined into one, and a
 * library's own English text, which only the English message shows (the Chinese one says the
 * same in its own words).
 */
import { Part, type Lang } from './index.js';

/** Translated pieces joined into one parameter (`(a; b)`), each in the message's language. */
export class Joined extends Part {
  constructor(
    readonly parts: readonly Part[],
    readonly open: string,
    readonly sep: string,
    readonly close: string,
  ) {
    super('grammar.a');
  }
  override in(lang: Lang): string {
    return this.open + this.parts.map((p) => p.in(lang)).join(this.sep) + this.close;
  }
}

/** Text from a library (`flow map … must be sufficiently indented`), shown in English messages only. */
export class EnglishOnly extends Part {
  constructor(readonly text: string) {
    super('grammar.a');
  }
  override in(lang: Lang): string {
    return lang === 'en' ? this.text : '';
  }
}

/** A text given in each language by other means than the catalog (a rule's own options help and its translation). */
export class ByLang extends Part {
  constructor(readonly texts: Readonly<Record<'en', string>> & Partial<Readonly<Record<Lang, string>>>) {
    super('grammar.a');
  }
  override in(lang: Lang): string {
    return this.texts[lang] ?? this.texts.en;
  }
}
