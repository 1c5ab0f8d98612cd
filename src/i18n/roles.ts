/** The built-in roles `customer` and `system` in the reader's language, unless the project renamed them. */
import { t, type Lang } from './index.js';

const DEFAULT = { customer: 'Customer', system: 'System' } as const;

/** A role's name as shown: a built-in role keeps a name the user gave it, else gets it in `lang`. */
export function roleName(id: string, name: string, lang: Lang): string {
  return (id === 'customer' || id === 'system') && name === DEFAULT[id] ? t(lang, `roles.${id}`) : name;
}

/** A built-in role's own description in `lang` (a description the user wrote stays as written). */
export function roleDescription(id: string, description: string | undefined, lang: Lang): string | undefined {
  if ((id === 'customer' || id === 'system') && description === t('en', `roles.${id}.description`)) return t(lang, `roles.${id}.description`);
  return description;
}
