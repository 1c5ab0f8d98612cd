/** Import ids from names in any script: letters are transliterated, never dropped. */
import { describe, expect, it } from 'vitest';
import { kebab } from '../../src/bpmn/import.js';

describe('kebab', () => {
  it.each([
    ['Review Order', 'review-order'],
    ['reviewOrder', 'review-order'],
    ['Straße prüfen', 'strasse-pruefen'],
    ['Łódź', 'lodz'],
    ['Crème brûlée', 'creme-brulee'],
    ['Дмитрий', 'dmitriy'],
    // Hanzi in pinyin without tones, one syllable per character.
    ['折扣审批', 'zhe-kou-shen-pi'],
    ['线索分配 v2', 'xian-suo-fen-pei-v2'],
    ['绿色通道', 'lv-se-tong-dao'], // ü as v, the usual ASCII spelling,
    ['!!!', ''],
  ])('%s → %s', (name, id) => {
    expect(kebab(name)).toBe(id);
  });
});
