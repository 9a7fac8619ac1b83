import type { HistoryCommit } from '../../git/history-log.js';
import { isFixCommit } from './fix-commits.js';

/** How far back the history features look, in days: the same at fit time and at run time. */
export const historyWindowDays = 365;

/** What the history of the touched files says about a change (Kamei et al.'s history and experience features). */
export interface HistoryFeatures {
  /** Distinct earlier commits that touched these files. */
  priorChanges: number;
  /** Distinct earlier fix commits that touched these files. */
  priorFixes: number;
  /** Distinct authors of earlier commits to these files. */
  priorAuthors: number;
  /** Mean days since each file was first seen (capped by the window; 0 for new files). */
  fileAgeDays: number;
  /** Mean days since each file last changed (the window for files with no earlier change). */
  daysSinceLastChange: number;
  /** Earlier commits by the same author to these files. */
  authorFileCommits: number;
  /** Earlier commits by the same author anywhere. */
  authorCommits: number;
  /** The change itself is a fix (its subject says so). */
  isFix: number;
}

export interface ChangeToScore {
  /** Repo-relative paths the change touches (both sides of a rename). */
  paths: string[];
  authorEmail: string;
  /** Author time of the change, seconds since the epoch. */
  time: number;
  subjects: string[];
}

interface Touch {
  time: number;
  author: string;
  sha: string;
  isFix: boolean;
}

/** An index of the first-parent history by path, for many look-ups. */
export class FileHistory {
  private readonly byPath = new Map<string, Touch[]>();
  private readonly byAuthor = new Map<string, number[]>();

  constructor(history: HistoryCommit[]) {
    for (const commit of history) {
      const touch = { time: commit.time, author: commit.authorEmail, sha: commit.sha, isFix: isFixCommit(commit.subject) };
      for (const file of commit.files) {
        const list = this.byPath.get(file.path) ?? [];
        list.push(touch);
        this.byPath.set(file.path, list);
      }
      const times = this.byAuthor.get(commit.authorEmail) ?? [];
      times.push(commit.time);
      this.byAuthor.set(commit.authorEmail, times);
    }
  }

  /** Features of a change from the commits strictly before it and inside the window. */
  featuresOf(change: ChangeToScore): HistoryFeatures {
    const windowStart = change.time - historyWindowDays * 86_400;
    const inWindow = (touch: { time: number }): boolean => touch.time < change.time && touch.time >= windowStart;
    const commits = new Set<string>();
    const fixes = new Set<string>();
    const authors = new Set<string>();
    const authorCommits = new Set<string>();
    let ageSum = 0;
    let sinceSum = 0;
    const paths = [...new Set(change.paths)];
    for (const path of paths) {
      const touches = (this.byPath.get(path) ?? []).filter(inWindow);
      for (const touch of touches) {
        commits.add(touch.sha);
        if (touch.isFix) fixes.add(touch.sha);
        authors.add(touch.author);
        if (touch.author === change.authorEmail) authorCommits.add(touch.sha);
      }
      const times = touches.map((touch) => touch.time);
      ageSum += times.length === 0 ? 0 : (change.time - Math.min(...times)) / 86_400;
      sinceSum += times.length === 0 ? historyWindowDays : (change.time - Math.max(...times)) / 86_400;
    }
    const count = Math.max(paths.length, 1);
    return {
      priorChanges: commits.size,
      priorFixes: fixes.size,
      priorAuthors: authors.size,
      fileAgeDays: Math.round((ageSum / count) * 10) / 10,
      daysSinceLastChange: Math.round((sinceSum / count) * 10) / 10,
      authorFileCommits: authorCommits.size,
      authorCommits: (this.byAuthor.get(change.authorEmail) ?? []).filter((time) => inWindow({ time })).length,
      isFix: change.subjects.some(isFixCommit) ? 1 : 0,
    };
  }
}
