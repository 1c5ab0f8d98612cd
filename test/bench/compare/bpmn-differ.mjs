/**
 * The peer side of the diff bench: what a team without crmflow would run on two BPMN
 * files — bpmn-moddle to read them, bpmn-js-differ to compare. Prints a JSON summary.
 * Usage: node bpmn-differ.mjs before.bpmn after.bpmn
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const peers = join(fileURLToPath(new URL('.', import.meta.url)), 'peers', 'package.json');
const require = createRequire(peers);
const { BpmnModdle } = await import(require.resolve('bpmn-moddle'));
const { diff } = await import(require.resolve('bpmn-js-differ'));

const moddle = new BpmnModdle();
const [a, b] = process.argv.slice(2);
const { rootElement: before } = await moddle.fromXML(readFileSync(a, 'utf8'));
const { rootElement: after } = await moddle.fromXML(readFileSync(b, 'utf8'));
const changes = diff(before, after);
const show = (x) => (x && typeof x === 'object' ? (x.$type ?? 'object') : JSON.stringify(x));
const describe = (map) => Object.entries(map).map(([id, v]) => ({ id, type: (v.model ?? v).$type, name: (v.model ?? v).name, attrs: v.attrs ? Object.entries(v.attrs).map(([k, x]) => `${k}: ${show(x.oldValue)} → ${show(x.newValue)}`) : undefined }));
console.log(JSON.stringify({ added: describe(changes._added), removed: describe(changes._removed), changed: describe(changes._changed), layoutChanged: Object.keys(changes._layoutChanged) }, null, 1));
