/** Diagram labels in the project's language: layer, refines link and legend. */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/model/load.js';
import { renderSvg } from '../../src/render/index.js';
import { ROOT } from '../cli/helpers.js';

describe('render labels', () => {
  it('draws 操作层, 细化自, 正常流程 and 异常路径 in zh-CN, the English words by default', async () => {
    const project = await loadProject({ cwd: ROOT });
    const process = project.processes.get('discount-approval')!;
    const zh = await renderSvg(project, process, { lang: 'zh-CN' });
    for (const word of ['操作层', '↑ 细化自', '正常流程', '异常路径']) expect(zh).toContain(word);
    expect(zh).not.toMatch(/normal flow|exception path|operation layer|↑ details/);
    const en = await renderSvg(project, process);
    for (const word of ['operation layer', '↑ details', 'normal flow', 'exception path']) expect(en).toContain(word);
  });
});
