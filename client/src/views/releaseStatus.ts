/**
 * The language status item of release files: "10 releases · 28 officials · 16 dates" beside the
 * language mode in the status bar, or why there are no counts.
 */
import * as vscode from 'vscode';
import { DIPLOMATIC, type AttacheClient } from '../attacheClient';
import type { ActiveAnnotations, AnnotatedDocument } from '../activeAnnotations';

/** The item's id. */
export const RELEASE_STATUS_ID = 'attache.summary';

/** "1 release", "3 releases". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** The item's text for a file's annotations. */
export function summaryText(annotations: { releases: unknown[]; officials: unknown[]; dates: unknown[] }): string {
  return [
    count(annotations.releases.length, 'release'),
    count(annotations.officials.length, 'official'),
    count(annotations.dates.length, 'date'),
  ].join(' · ');
}

/**
 * Registers the status item and keeps it in step with the active document and the server.
 * @returns what to dispose on deactivation
 */
export function registerReleaseStatus(client: AttacheClient, source: ActiveAnnotations): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem(RELEASE_STATUS_ID, { language: DIPLOMATIC });
  item.name = 'Attaché';
  const render = (state: AnnotatedDocument): void => {
    item.busy = false;
    item.severity = vscode.LanguageStatusSeverity.Information;
    if (!client.enabled) {
      item.text = 'Attaché is off';
      item.detail = 'attache.enable';
      item.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['attache.enable'] };
      return;
    }
    if (!client.isRunning) {
      item.text = 'Attaché server stopped';
      item.detail = undefined;
      item.severity = vscode.LanguageStatusSeverity.Warning;
      item.command = { title: 'Restart', command: 'attache.restartServer' };
      return;
    }
    if (state.annotations) {
      item.text = summaryText(state.annotations);
      item.detail = undefined;
      item.command = { title: 'Go to Release…', command: 'attache.goToRelease' };
    } else {
      item.text = state.loading ? 'Reading releases…' : 'No releases';
      item.detail = undefined;
      item.command = { title: 'Show Output', command: 'attache.showOutput' };
    }
    // Keep the last counts on show while newer ones load.
    item.busy = state.loading;
    item.accessibilityInformation = { label: `Attaché: ${item.text}` };
  };
  render(source.current);
  return vscode.Disposable.from(
    item,
    source.onDidChange(render),
    client.onDidChangeState(() => render(source.current)),
  );
}
