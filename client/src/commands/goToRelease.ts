/**
 * `attache.goToRelease` (Go to Release…): pick a release of the active document and move there.
 */
import * as vscode from 'vscode';
import { annotationsForCommand, toRange, type ContractRange } from '../annotations';
import type { AttacheClient } from '../attacheClient';

/** A release as the command offers and returns it. */
export interface ReleaseTarget {
  /** Position in the file's list of releases, from 0. */
  index: number;
  title: string;
  source: string | null;
  date: string | null;
  /** Where the title is written, as the contract writes ranges (0-based). */
  titleRange: ContractRange;
}

interface ReleaseItem extends vscode.QuickPickItem {
  release: ReleaseTarget;
}

/**
 * Makes the handler of Go to Release….
 *
 * Without an argument it asks with a quick pick (title, with date and source beside it) and shows
 * each release as the selection moves; with a release index (from 0) or a title it goes there
 * directly, which is how tests drive it.
 * @returns the handler; it resolves to the release gone to, or undefined
 */
export function goToRelease(client: AttacheClient): (target?: number | string) => Promise<ReleaseTarget | undefined> {
  return async (target) => {
    const editor = vscode.window.activeTextEditor;
    const annotations = await annotationsForCommand(client, editor?.document);
    if (!editor || !annotations) return undefined;
    const releases: ReleaseTarget[] = annotations.releases.map((release, index) => ({
      index,
      title: release.title,
      source: release.source,
      date: release.date,
      titleRange: release.titleRange,
    }));
    if (releases.length === 0) {
      void vscode.window.showInformationMessage('This file holds no releases.');
      return undefined;
    }
    if (target !== undefined) {
      const release = findRelease(releases, target);
      if (!release) {
        void vscode.window.showWarningMessage(`No release ${typeof target === 'number' ? `number ${target}` : `titled “${target}”`} in this file.`);
        return undefined;
      }
      reveal(editor, release);
      return release;
    }
    return pickRelease(editor, releases);
  };
}

/** The release at an index (from 0), or with a title: exactly, else ignoring case and edge spaces. */
export function findRelease(releases: ReleaseTarget[], target: number | string): ReleaseTarget | undefined {
  if (typeof target === 'number') return Number.isInteger(target) ? releases[target] : undefined;
  const exact = releases.find((release) => release.title === target);
  if (exact) return exact;
  const folded = target.trim().toLocaleLowerCase();
  return releases.find((release) => release.title.toLocaleLowerCase() === folded);
}

function pickRelease(editor: vscode.TextEditor, releases: ReleaseTarget[]): Promise<ReleaseTarget | undefined> {
  const initialSelections = editor.selections;
  const initialRange = editor.visibleRanges[0];
  const items: ReleaseItem[] = releases.map((release) => ({
    label: release.title,
    description: [release.date, release.source].filter((part) => part).join(' · '),
    release,
  }));
  const cursorLine = editor.selection.active.line;
  // The release the cursor is in: the last one whose title is not below the cursor.
  const current = [...items].reverse().find((item) => item.release.titleRange.start.line <= cursorLine);

  const quickPick = vscode.window.createQuickPick<ReleaseItem>();
  quickPick.title = 'Go to Release';
  quickPick.placeholder = 'Type to filter releases by title, date or source';
  quickPick.matchOnDescription = true;
  quickPick.items = items;
  if (current) quickPick.activeItems = [current];

  return new Promise((resolve) => {
    let accepted: ReleaseTarget | undefined;
    const subscriptions = [
      // Show each release as the selection moves, as Go to Symbol does.
      quickPick.onDidChangeActive(([item]) => {
        if (item) editor.revealRange(toRange(item.release.titleRange), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }),
      quickPick.onDidAccept(() => {
        const [item] = quickPick.selectedItems;
        if (!item) return;
        accepted = item.release;
        reveal(editor, item.release);
        quickPick.hide();
      }),
      quickPick.onDidHide(() => {
        if (!accepted) {
          editor.selections = initialSelections;
          if (initialRange) editor.revealRange(initialRange, vscode.TextEditorRevealType.AtTop);
        }
        for (const subscription of subscriptions) subscription.dispose();
        quickPick.dispose();
        resolve(accepted);
      }),
    ];
    quickPick.show();
  });
}

function reveal(editor: vscode.TextEditor, release: ReleaseTarget): void {
  const range = toRange(release.titleRange);
  editor.selection = new vscode.Selection(range.start, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
