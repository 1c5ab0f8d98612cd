/**
 * SARIF 2.1.0 for GitHub code scanning: the rules with their help texts, each finding as a
 * result with a repo-relative location, a full region and a partial fingerprint that survives
 * moved lines and changed counts in the message.
 */
import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding } from '../../model/types.js';

/** What SARIF needs to know about a rule (lint rules and validation ids alike). */
export interface SarifRule {
  id: string;
  description: string;
  /** Longer text: why it matters. */
  full?: string;
  /** How to fix it. */
  help?: string;
  level?: 'error' | 'warning';
  /** A bad and a good YAML fragment, shown in the rule help on GitHub. */
  examples?: { bad: string; good: string };
}

export interface SarifOptions {
  rules: readonly SarifRule[];
  /** The project root relative to the repository root, e.g. `''` or `crm/` (uris are repo-relative). */
  uriPrefix?: string;
  version?: string;
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Builds the SARIF log (exported for tests and the programmatic API). */
export function toSarif(findings: readonly Finding[], options: SarifOptions): Log {
  const prefix = options.uriPrefix ? options.uriPrefix.replace(/\/?$/, '/') : '';
  const descriptors: ReportingDescriptor[] = [];
  const index = new Map<string, number>();
  const add = (r: SarifRule) => {
    if (index.has(r.id)) return;
    index.set(r.id, descriptors.length);
    const help = [r.full, r.help ? `How to fix: ${r.help}` : undefined].filter(Boolean).join('\n\n') || sentence(r.description);
    const markdown =
      [
        r.full,
        r.help ? `**How to fix:** ${r.help}` : undefined,
        r.examples ? `Reported:\n\n\`\`\`yaml\n${r.examples.bad}\n\`\`\`\n\nFixed:\n\n\`\`\`yaml\n${r.examples.good}\n\`\`\`` : undefined,
      ]
        .filter(Boolean)
        .join('\n\n') || sentence(r.description);
    descriptors.push({
      id: r.id,
      name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: sentence(r.description) },
      fullDescription: { text: sentence(r.full ?? r.description) },
      help: { text: help, markdown },
      defaultConfiguration: { level: r.level ?? 'error' },
      properties: { tags: ['crm-process'] },
    });
  };
  for (const r of options.rules) add(r);
  for (const f of findings) if (!index.has(f.rule)) add({ id: f.rule, description: f.rule, level: f.severity });

  const seen = new Map<string, number>();
  const results: Result[] = findings.map((f) => {
    const base = hash([f.rule, f.file, f.process ?? '', f.step ?? '', detail(f)].join('\0'));
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule)!,
      level: f.severity,
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeUri(prefix + f.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column + 1 : 1) },
          },
          ...(f.process
            ? { logicalLocations: [{ name: f.step ?? f.process, fullyQualifiedName: f.step ? `${f.process}/${f.step}` : f.process, kind: f.step ? 'member' : 'module' }] }
            : {}),
        },
      ],
      partialFingerprints: { 'crmflowFinding/v2': `${base}:${n}` },
    };
  });

  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'crmflow', informationUri: 'https://github.com/crmflow/crmflow', ...(options.version ? { version: options.version, semanticVersion: options.version } : {}), rules: descriptors } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository.' } } },
        results,
      },
    ],
  };
}

/** SARIF as text. */
export function sarif(findings: readonly Finding[], options: SarifOptions): string {
  return JSON.stringify(toSarif(findings, options), null, 2) + '\n';
}

/**
 * What tells a finding apart beyond rule, file, process and step: the rule's `key`, else the
 * quoted values of the message (ids and bad values, per the message style). Never the rest of
 * the message, which holds counts and lines ("has 10 steps", "(line 12)"), nor the position:
 * either changing would make GitHub close the alert and open a new one.
 */
function detail(f: Finding): string {
  if (f.key !== undefined) return f.key;
  return [...f.message.matchAll(/"([^"]*)"/g)].map((m) => m[1]).join('\0');
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function sentence(text: string): string {
  const t = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Percent-encodes what a URI reference may not hold (spaces, non-ASCII), keeping slashes. */
function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
