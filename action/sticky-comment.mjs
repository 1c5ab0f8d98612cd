#!/usr/bin/env node
// Posts a Markdown file as one pull-request comment, or updates the comment an earlier run
// posted (found by a hidden marker), so a pull request carries one crmflow diff, not one per push.
//   node action/sticky-comment.mjs <file.md> [marker]
// Reads GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), GITHUB_EVENT_PATH (the pull_request
// event) and GITHUB_API_URL (default https://api.github.com). Plain Node 20, no dependencies.
import { readFileSync } from 'node:fs';

const MAX = 65_000; // GitHub refuses comments over 65,536 characters.

export async function stickyComment({ body, marker = 'crmflow-diff', env = process.env, fetchFn = fetch }) {
  const token = env.GITHUB_TOKEN;
  const repo = env.GITHUB_REPOSITORY;
  const api = (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, '');
  if (!token) throw new Error('GITHUB_TOKEN is not set; pass github-token to the action (the default is the workflow token)');
  if (!repo || !/^[^/]+\/[^/]+$/.test(repo)) throw new Error(`GITHUB_REPOSITORY must be owner/name, not "${repo ?? ''}"`);
  const event = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
  const number = event.pull_request?.number ?? event.number;
  if (!Number.isInteger(number)) return { action: 'skipped', reason: 'not a pull request event' };
  const tag = `<!-- ${marker} -->`;
  let text = `${tag}\n${body}`;
  if (text.length > MAX) text = `${text.slice(0, MAX - 80)}\n\n… cut: the diff is longer than a comment can hold.\n`;
  const headers = { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'content-type': 'application/json', 'user-agent': 'crmflow-action' };
  const call = async (method, path, payload) => {
    const r = await fetchFn(`${api}${path}`, { method, headers, body: payload ? JSON.stringify(payload) : undefined });
    if (!r.ok) throw new Error(`${method} ${path}: GitHub answered ${r.status} ${await r.text()}`);
    return r.json();
  };
  // Walk the comments a page at a time until the marker is found.
  for (let page = 1; page <= 50; page++) {
    const comments = await call('GET', `/repos/${repo}/issues/${number}/comments?per_page=100&page=${page}`);
    const mine = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(tag));
    if (mine) {
      await call('PATCH', `/repos/${repo}/issues/comments/${mine.id}`, { body: text });
      return { action: 'updated', id: mine.id };
    }
    if (comments.length < 100) break;
  }
  const created = await call('POST', `/repos/${repo}/issues/${number}/comments`, { body: text });
  return { action: 'created', id: created.id };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, marker] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node action/sticky-comment.mjs <file.md> [marker]');
    process.exit(2);
  }
  stickyComment({ body: readFileSync(file, 'utf8'), marker })
    .then((r) => console.log(r.action === 'skipped' ? `no comment: ${r.reason}` : `${r.action} comment ${r.id}`))
    .catch((e) => {
      console.error(`error: ${e.message}`);
      process.exit(1);
    });
}
