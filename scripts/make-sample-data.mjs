#!/usr/bin/env node
// Generates data/leads-sample.csv: one quarter (2026-07-01 .. 2026-09-30) of made-up but
// realistic-looking B2B leads for `crmflow simulate`. Deterministic: the same seed always
// writes the same file, so the example's simulation report is reproducible.
//
//   node scripts/make-sample-data.mjs [--seed 20260701] [--out data/leads-sample.csv]
//
// Columns: case_id,created_at,customer,region,channel,score,amount,discount_pct
// Every company name is invented.

import { mkdirSync, writeFileSync } from 'node:fs';
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
