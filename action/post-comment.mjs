#!/usr/bin/env node
// Posts risk's Markdown report as one sticky pull-request comment, for the GitHub Action
// (action.yml). The comment is found again by a hidden marker and edited in place, so a pull
// request carries one report however often it is pushed. Reads only what GitHub sets for a
// step: GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY; plus GITHUB_TOKEN and RISK_REPORT_FILE from action.yml.
// Never fails the job for the comment's sake: a token that cannot write (a pull request
// from a fork, `permissions` without pull-requests: write) gets a notice and exit 0.
import { appendFileSync, readFileSync } from 'node:fs';

/** The hidden marker that identifies risk's comment among all comments of the pull request. */
const marker = '<!-- risk-blast-radius:sticky-comment -->';

/** GitHub refuses comment bodies over 65536 characters. */
const maxBody = 65_000;

const env = process.env;

/** A workflow command's message: %, CR and LF would end or forge the command. */
function escapeCommand(text) {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function notice(message) {
  process.stdout.write(`::notice title=risk comment::${escapeCommand(message)}\n`);
}

function appendOutput(name, value) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

function appendSummary(line) {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${line}\n`);
}

function pullRequestNumber() {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  const payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  const number = payload.pull_request?.number ?? (payload.issue?.pull_request ? payload.issue.number : undefined);
  return Number.isInteger(number) ? number : undefined;
}

function commentBody(report) {
  const body = `${marker}\n${report}`;
  if (body.length <= maxBody) return body;
  return `${body.slice(0, maxBody)}\n\n… (cut: the full report is in the job summary)\n`;
}

class HttpError extends Error {
  constructor(status, text) {
    super(`GitHub API answered ${status}: ${text.slice(0, 200)}`);
    this.status = status;
  }
}

async function request(method, path, body) {
  const api = (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${env.GITHUB_TOKEN}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'risk-blast-radius-action',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new HttpError(response.status, text);
  return text === '' ? null : JSON.parse(text);
}

/**
 * Our earlier comment on the pull request, if any: every page, oldest first. Only a bot's
 * comment counts (the workflow token posts as github-actions[bot]): anyone can paste the
 * marker into a comment of their own, and the report must not land in text its author can edit.
 */
async function findStickyComment(repository, number) {
  for (let page = 1; ; page += 1) {
    const comments = await request('GET', `/repos/${repository}/issues/${number}/comments?per_page=100&page=${page}`);
    const found = comments.find((comment) => typeof comment.body === 'string' && comment.body.startsWith(marker) && comment.user?.type === 'Bot');
    if (found) return found;
    if (comments.length < 100) return undefined;
  }
}

async function main() {
  const number = pullRequestNumber();
  if (number === undefined) {
    notice(`not a pull request event (${env.GITHUB_EVENT_NAME ?? 'unknown event'}): no comment posted`);
    return;
  }
  if (!env.GITHUB_TOKEN) {
    notice('no token: no comment posted (pass the `token` input)');
    return;
  }
  const repository = env.GITHUB_REPOSITORY;
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new Error(`GITHUB_REPOSITORY is not owner/name: ${repository ?? '(unset)'}`);
  const body = commentBody(readFileSync(env.RISK_REPORT_FILE ?? 'risk.md', 'utf8'));
  try {
    const existing = await findStickyComment(repository, number);
    const comment = existing
      ? await request('PATCH', `/repos/${repository}/issues/comments/${existing.id}`, { body })
      : await request('POST', `/repos/${repository}/issues/${number}/comments`, { body });
    appendOutput('comment-id', String(comment.id));
    appendOutput('comment-url', String(comment.html_url ?? ''));
    appendSummary(`risk: pull-request comment ${existing ? 'updated' : 'posted'}: ${comment.html_url ?? comment.id}`);
    process.stdout.write(`risk: pull-request comment ${existing ? 'updated' : 'created'} (${comment.id})\n`);
  } catch (error) {
    // 403: read-only token (fork, permissions); 404: no access to the repository or the pull request.
    if (error instanceof HttpError && (error.status === 403 || error.status === 404)) {
      notice(`the token cannot write pull-request comments here (${error.status}); no comment posted. Grant \`permissions: pull-requests: write\` (pull requests from forks get a read-only token).`);
      return;
    }
    throw error;
  }
}

main().catch((error) => {
  process.stdout.write(`::error title=risk comment::${escapeCommand(error instanceof Error ? error.message : String(error))}\n`);
  process.exitCode = 1;
});
