#!/usr/bin/env node
// Generates data/leads-sample.csv: one quarter (2026-07-01 .. 2026-09-30) of made-up but
// realistic-looking B2B leads for `crmflow simulate`. Deterministic: the same seed always
// writes the same file, so the example's simulation report is reproducible.
//
// Then data/crm-events.csv: the stage history of the opportunities those leads became, in the
// shape of a Salesforce OpportunityFieldHistory export (read it with
// `--preset salesforce-field-history`), walked through processes/operation/opportunity-stages.yaml.
//
//   node scripts/make-sample-data.mjs [--seed 20260701] [--out data/leads-sample.csv] [--events-out data/crm-events.csv]
//
// Columns: case_id,created_at,customer,region,channel,score,amount,discount_pct
// Every company name is invented.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const SEED = Number(opt('seed', 20260701));
const here = dirname(fileURLToPath(import.meta.url));
const OUT = resolve(process.cwd(), opt('out', resolve(here, '../data/leads-sample.csv')));
const EVENTS_OUT = resolve(process.cwd(), opt('events-out', resolve(here, '../data/crm-events.csv')));

// ---- seeded PRNG (mulberry32) and a few distributions --------------------------------
let state = SEED >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
function weighted(table) {
  const total = Object.values(table).reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (const [key, w] of Object.entries(table)) if ((r -= w) < 0) return key;
  return Object.keys(table).at(-1);
}
function normal(mean, sd) {
  const u = 1 - random();
  const v = random();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
function poisson(lambda) {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  while ((p *= random()) > limit) k++;
  return k;
}
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

// ---- the market ---------------------------------------------------------------------
const REGIONS = { east: 36, south: 24, north: 20, west: 12, overseas: 8 };
const CHANNELS = { web: 38, outbound: 18, event: 16, partner: 14, referral: 14 };

// Trade shows: a burst of event leads on the day and the two working days after.
const EVENTS = ['2026-07-16', '2026-08-20', '2026-09-10'];

const CITIES = {
  east: [['杭州', 'Hangzhou'], ['上海', 'Shanghai'], ['苏州', 'Suzhou'], ['南京', 'Nanjing'], ['宁波', 'Ningbo'], ['无锡', 'Wuxi'], ['合肥', 'Hefei']],
  south: [['深圳', 'Shenzhen'], ['广州', 'Guangzhou'], ['东莞', 'Dongguan'], ['厦门', 'Xiamen'], ['佛山', 'Foshan'], ['珠海', 'Zhuhai']],
  north: [['北京', 'Beijing'], ['天津', 'Tianjin'], ['青岛', 'Qingdao'], ['济南', 'Jinan'], ['大连', 'Dalian'], ['沈阳', 'Shenyang']],
  west: [['成都', 'Chengdu'], ['重庆', 'Chongqing'], ['西安', "Xi'an"], ['昆明', 'Kunming'], ['贵阳', 'Guiyang']],
};
const BRANDS = [
  ['云帆', 'Yunfan'], ['星辰', 'Xingchen'], ['华信', 'Huaxin'], ['金桥', 'Jinqiao'], ['瑞泰', 'Ruitai'],
  ['博远', 'Boyuan'], ['鼎盛', 'Dingsheng'], ['恒通', 'Hengtong'], ['新锐', 'Xinrui'], ['嘉禾', 'Jiahe'],
  ['智联', 'Zhilian'], ['天合', 'Tianhe'], ['远航', 'Yuanhang'], ['明德', 'Mingde'], ['众诚', 'Zhongcheng'],
  ['海纳', 'Haina'], ['蓝海', 'Lanhai'], ['锦程', 'Jincheng'], ['卓越', 'Zhuoyue'], ['宏图', 'Hongtu'],
  ['安达', 'Anda'], ['九州', 'Jiuzhou'], ['青松', 'Qingsong'], ['润禾', 'Runhe'], ['百川', 'Baichuan'],
  ['聚源', 'Juyuan'], ['晨光', 'Chenguang'], ['汇通', 'Huitong'], ['长风', 'Changfeng'], ['启明', 'Qiming'],
];
const INDUSTRIES = [
  ['科技', 'Technology'], ['信息技术', 'Information Technology'], ['智能制造', 'Smart Manufacturing'],
  ['医疗器械', 'Medical Devices'], ['物流', 'Logistics'], ['贸易', 'Trading'], ['软件', 'Software'],
  ['电子', 'Electronics'], ['新材料', 'New Materials'], ['生物科技', 'Biotech'], ['教育科技', 'EdTech'],
  ['供应链管理', 'Supply Chain'], ['汽车零部件', 'Auto Parts'], ['食品', 'Foods'],
];
const OVERSEAS = {
  first: ['Nordlicht', 'Harbor & Pine', 'Sakura', 'Lumen', 'Andes', 'Bluewater', 'Kestrel', 'Meridian',
    'Saffron', 'Atlas', 'Vireo', 'Orchid Bay', 'Tidewell', 'Granite Peak', 'Marlow', 'Solano', 'Fjordline', 'Baobab'],
  trade: ['Logistics', 'Analytics', 'Retail', 'Precision', 'Foods', 'Medical', 'Robotics', 'Energy', 'Textiles', 'Software'],
  suffix: ['GmbH', 'Inc.', 'Ltd.', 'Pte. Ltd.', 'K.K.', 'S.A.', 'B.V.', 'Sdn. Bhd.', 'LLC', 'Pty Ltd'],
};

function companyName(region) {
  if (region === 'overseas') {
    const suffix = pick(OVERSEAS.suffix);
    // US style sometimes puts a comma before Inc. - which the CSV has to quote.
    const sep = suffix === 'Inc.' && random() < 0.5 ? ', ' : ' ';
    return `${pick(OVERSEAS.first)} ${pick(OVERSEAS.trade)}${sep}${suffix}`;
  }
  const [cityZh, cityEn] = pick(CITIES[region]);
  const [brandZh, brandEn] = pick(BRANDS);
  const [indZh, indEn] = pick(INDUSTRIES);
  if (random() < 0.25) {
    // The English name from the business licence, e.g. "Shenzhen Yunfan Electronics Co., Ltd."
    return `${cityEn} ${brandEn} ${indEn} Co., Ltd.`;
  }
  return `${cityZh}${brandZh}${indZh}${random() < 0.15 ? '股份有限公司' : '有限公司'}`;
}

// ---- arrivals -----------------------------------------------------------------------
const DAY = 24 * 3600 * 1000;
const start = Date.UTC(2026, 6, 1); // 2026-07-01
const end = Date.UTC(2026, 8, 30); // 2026-09-30
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Minutes after midnight (Shanghai): mostly office hours, peaks mid-morning and mid-afternoon. */
function timeOfDay(weekend) {
  if (weekend) return Math.floor((9 + random() * 13) * 60); // 09:00-22:00
  const r = random();
  if (r < 0.06) return Math.floor((7 + random() * 2) * 60); // early birds 07:00-09:00
  if (r < 0.14) return Math.floor((18 + random() * 4.5) * 60); // evening 18:00-22:30
  const hour = weighted({ 9: 8, 10: 14, 11: 13, 12: 5, 13: 8, 14: 14, 15: 14, 16: 13, 17: 9 });
  return Number(hour) * 60 + Math.floor(random() * 60);
}

const rows = [];
const customersSeen = { east: [], south: [], north: [], west: [], overseas: [] };

for (let day = start; day <= end; day += DAY) {
  const date = iso(day);
  const weekday = new Date(day).getUTCDay(); // 0 Sunday .. 6 Saturday
  const weekend = weekday === 0 || weekday === 6;
  // Slow start of the summer, more leads in September (budget planning season).
  const season = 1 + 0.25 * ((day - start) / (end - start));
  let count = poisson(weekend ? 1.1 : 8.4 * season);
  const eventDay = EVENTS.findIndex((e) => {
    const d = (day - Date.parse(`${e}T00:00:00Z`)) / DAY;
    return d >= 0 && d < 3 && !weekend;
  });
  const eventExtra = eventDay >= 0 ? poisson(9) : 0;
  count += eventExtra;

  for (let i = 0; i < count; i++) {
    const channel = i < eventExtra ? 'event' : weighted(CHANNELS);
    const region = channel === 'event' && random() < 0.8 ? weighted({ east: 5, south: 3, north: 2 }) : weighted(REGIONS);

    // Returning customers (expansion, another department) are about one lead in ten.
    const seen = customersSeen[region];
    let customer;
    if (seen.length > 5 && random() < 0.1) customer = pick(seen);
    else {
      customer = companyName(region);
      seen.push(customer);
    }

    const scoreMean = { referral: 68, partner: 58, event: 50, web: 45, outbound: 32 }[channel];
    const score = Math.round(clamp(normal(scoreMean, 17), 0, 100));

    // Deal size: lognormal around CNY 45,000; overseas and referred deals are bigger.
    let amount = 45000 * Math.exp(normal(0, 0.95));
    if (region === 'overseas') amount *= 1.6;
    if (channel === 'referral') amount *= 1.3;
    amount *= 0.8 + score / 250;
    amount = clamp(amount, 5000, 500000);
    amount = amount >= 100000 ? Math.round(amount / 1000) * 1000 : Math.round(amount / 100) * 100;

    // Discounts: a fifth of the quotes at list price; bigger deals get bigger discounts,
    // and reps discount harder in the last two weeks of the quarter.
    let discount = 0;
    if (random() >= 0.2) {
      const base = 4 + 6 * Math.log10(amount / 5000);
      const quarterEnd = day >= Date.UTC(2026, 8, 16) ? 3 : 0;
      discount = clamp(normal(base + quarterEnd, 4), 0, 30);
    }

    const minutes = timeOfDay(weekend);
    const seconds = Math.floor(random() * 60);
    rows.push({ day: date, minutes, seconds, customer, region, channel, score, amount, discount });
  }
}

rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.minutes - b.minutes || a.seconds - b.seconds));

const pad = (n, w = 2) => String(n).padStart(w, '0');
const csvField = (v) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const lines = ['case_id,created_at,customer,region,channel,score,amount,discount_pct'];
rows.forEach((r, i) => {
  const createdAt = `${r.day}T${pad(Math.floor(r.minutes / 60))}:${pad(r.minutes % 60)}:${pad(r.seconds)}+08:00`;
  lines.push(
    [`L-2026-${pad(i + 1, 4)}`, createdAt, r.customer, r.region, r.channel, r.score, r.amount, r.discount.toFixed(1)]
      .map(csvField)
      .join(','),
  );
});

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, lines.join('\n') + '\n');
process.stderr.write(`wrote ${rows.length} cases to ${OUT}\n`);

// ---- opportunity stage history (Salesforce OpportunityFieldHistory) --------------------
// A stream of its own, so that the leads above stay exactly as they were.
state = (SEED ^ 0x5f0e) >>> 0;
const { parse: parseYaml } = await import('yaml');
const stagesProcess = parseYaml(readFileSync(resolve(here, '../processes/operation/opportunity-stages.yaml'), 'utf8'));
const stepById = new Map(stagesProcess.steps.map((s) => [s.id, s]));

const UNIT = { m: 1, h: 60, d: 1440, w: 10080 };
const minutesOf = (text) => {
  const m = /^(\d+(?:\.\d+)?)([mhdw])$/.exec(String(text).trim());
  return Number(m[1]) * UNIT[m[2]];
};
const exponential = (mean) => -mean * Math.log(1 - random());
/** A sample of a step's duration in minutes, for the forms the example uses. */
function sampleDuration(d) {
  if (d === undefined) return 0;
  if (typeof d === 'string') {
    const range = d.split('..');
    if (range.length === 2) return minutesOf(range[0]) + random() * (minutesOf(range[1]) - minutesOf(range[0]));
    return minutesOf(d);
  }
  if (d.dist === 'exponential') return exponential(minutesOf(d.mean));
  if (d.dist === 'lognormal') {
    const mu = Math.log(minutesOf(d.median));
    const sigma = (Math.log(minutesOf(d.p90)) - mu) / 1.2815515655446004;
    return Math.exp(normal(mu, sigma));
  }
  if (d.dist === 'triangular') {
    const [a, c, b] = [minutesOf(d.min), minutesOf(d.mode), minutesOf(d.max)];
    const u = random();
    return u < (c - a) / (b - a) ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
  }
  throw new Error(`duration form not handled: ${JSON.stringify(d)}`);
}
/** The example's conditions are `case.<field> <op> <number>`. */
function holds(when, fields) {
  const m = /^case\.(\w+)\s*(<=|>=|<|>|==)\s*(-?\d+(?:\.\d+)?)$/.exec(when.trim());
  if (!m) return undefined;
  const [a, b] = [Number(fields[m[1]]), Number(m[3])];
  return { '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b, '==': a === b }[m[2]];
}
/** The exception that fires on leaving a step, if any (long form `{ next, probability }`). */
function exception(step) {
  for (const path of Object.values(step.on ?? {})) {
    if (typeof path === 'object' && path.probability !== undefined && random() < path.probability) return path.next;
  }
  return undefined;
}

const sfId = (prefix, n) => `${prefix}5g00000${n.toString(36).toUpperCase().padStart(8, '0')}`;
const REPS = Array.from({ length: 8 }, (_, i) => sfId('005', 101 + i));
const MANAGERS = [sfId('005', 201), sfId('005', 202)];
const INTEGRATION = sfId('005', 301); // the CPQ integration user
const sfTime = (ms) => new Date(ms).toISOString().replace('Z', '+0000');

const history = [['Id', 'OpportunityId', 'CreatedById', 'CreatedDate', 'Field', 'DataType', 'OldValue', 'NewValue', 'IsDeleted']];
let historyId = 0;
const row = (opportunity, by, at, field, type, oldValue, newValue) =>
  history.push([sfId('017', ++historyId), opportunity, by, sfTime(at), field, type, oldValue, newValue, 'false']);

const leadLines = lines.slice(1);
let opportunities = 0;
leadLines.forEach((line, i) => {
  const lead = rows[i];
  // Leads worth a meeting become opportunities: most good ones, a few weak ones.
  if (random() >= (lead.score >= 40 ? 0.75 : 0.2)) return;
  const opportunity = sfId('006', 1 + opportunities++);
  const owner = pick(REPS);
  const createdAt = Date.parse(line.split(',')[1]) + exponential(1.5 * 1440) * 60000;
  const fields = { score: lead.score, discount_pct: Number(lead.discount.toFixed(1)), amount: lead.amount };
  row(opportunity, owner, createdAt, 'created', 'Text', '', '');
  let at = createdAt;
  let stage;
  let step = stepById.get(stepById.get(stagesProcess.steps[0].id).next);
  for (let guard = 0; step && guard < 1000; guard++) {
    if (step.type === 'decision') {
      let next;
      let left = 1;
      for (const b of step.branches) {
        if (b.else !== undefined) next ??= b.else;
        else if (next === undefined) {
          const h = b.when !== undefined ? holds(b.when, fields) : undefined;
          if (h === true || (h === undefined && random() < b.probability / left)) next = b.next;
          if (h === undefined) left -= b.probability;
        }
      }
      step = stepById.get(next);
      continue;
    }
    // Every other step is a stage: the rep records it when the case enters it.
    const by = step.type === 'end' ? owner : step.role === 'system' ? INTEGRATION : step.type === 'subprocess' ? pick(MANAGERS) : owner;
    if (stage === undefined) stage = step.name;
    else {
      row(opportunity, by, at, 'StageName', 'Text', stage, step.name);
      stage = step.name;
    }
    if (step.type === 'end') break;
    if (step.id === 'prepare-quote' && fields.discount_pct > 0) row(opportunity, owner, at + 60000, 'Amount', 'Currency', String(fields.amount), String(Math.round(fields.amount * (1 - fields.discount_pct / 100))));
    let next;
    if (step.type === 'wait') {
      const timeout = minutesOf(step.timeout);
      const arrives = step.arrives ? sampleDuration(step.arrives) : Infinity;
      at += Math.min(arrives, timeout) * 60000;
      next = arrives > timeout ? step.on.timeout.next : step.next;
    } else {
      // Work, plus the time the case waits for its owner (the customer and the CPQ tool never queue).
      const wait = step.role === 'system' || step.role === 'customer' ? 0 : exponential(6 * 60);
      at += (sampleDuration(step.duration ?? '1d') + wait) * 60000;
      next = exception(step) ?? step.next;
    }
    step = stepById.get(next);
  }
});
history.sort((a, b) => (a === history[0] ? -1 : b === history[0] ? 1 : a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0));
mkdirSync(dirname(EVENTS_OUT), { recursive: true });
writeFileSync(EVENTS_OUT, history.map((r) => r.map(csvField).join(',')).join('\n') + '\n');
process.stderr.write(`wrote ${history.length - 1} field history rows of ${opportunities} opportunities to ${EVENTS_OUT}\n`);
