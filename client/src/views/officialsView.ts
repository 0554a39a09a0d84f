/**
 * The Officials view (Explorer): the people named in the active document, each with their roles
 * and every place they are mentioned. Clicking a mention shows it in the editor.
 */
import * as vscode from 'vscode';
import { fileName, toRange, type FileAnnotations } from '../annotations';
import { DIPLOMATIC } from '../attacheClient';
import type { ActiveAnnotations, AnnotatedDocument } from '../activeAnnotations';

/** The view's id, as package.json contributes it. */
export const OFFICIALS_VIEW_ID = 'attacheOfficials';

/**
 * Context key that shows the view: set once a release file has been open in this window, so that
 * people who never open one do not get an empty view in their Explorer.
 */
export const OFFICIALS_VIEW_CONTEXT = 'attache.officialsView';

/** Characters of context shown on each side of a mention. */
const SNIPPET_BEFORE = 30;
const SNIPPET_AFTER = 50;

type Official = FileAnnotations['officials'][number];
type Role = Official['roles'][number];
type Mention = Official['mentions'][number];

interface OfficialNode {
  readonly kind: 'official';
  readonly id: string;
  readonly official: Official;
  readonly document: vscode.TextDocument;
  readonly releases: FileAnnotations['releases'];
}
interface RoleNode {
  readonly kind: 'role';
  readonly id: string;
  readonly parent: OfficialNode;
  readonly role: Role;
}
interface MentionNode {
  readonly kind: 'mention';
  readonly id: string;
  readonly parent: OfficialNode;
  readonly mention: Mention;
}
type OfficialsNode = OfficialNode | RoleNode | MentionNode;

/** The tree of officials of the document {@link ActiveAnnotations} follows. */
class OfficialsTree implements vscode.TreeDataProvider<OfficialsNode> {
  private roots: OfficialNode[] = [];
  private shown: FileAnnotations | null | undefined;
  private shownDocument: vscode.TextDocument | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  /**
   * Rebuilds the tree where the document or its annotations changed; true where they did. While
   * newer annotations load, the old ones stay on show rather than flicker away.
   */
  update(state: AnnotatedDocument): boolean {
    if (state.loading) return false;
    if (state.annotations === this.shown && state.document === this.shownDocument) return false;
    this.shown = state.annotations;
    this.shownDocument = state.document;
    this.roots = state.document && state.annotations ? officialNodes(state.document, state.annotations) : [];
    this.changeEmitter.fire();
    return true;
  }

  get officials(): readonly OfficialNode[] {
    return this.roots;
  }

  getTreeItem(node: OfficialsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'official':
        return officialItem(node);
      case 'role':
        return roleItem(node);
      case 'mention':
        return mentionItem(node);
    }
  }

  getChildren(node?: OfficialsNode): OfficialsNode[] {
    if (!node) return this.roots;
    if (node.kind !== 'official') return [];
    const roles: RoleNode[] = node.official.roles.map((role, index) => ({ kind: 'role', id: `${node.id}/role/${index}`, parent: node, role }));
    const mentions: MentionNode[] = node.official.mentions.map((mention) => ({
      kind: 'mention',
      id: `${node.id}/mention/${mention.range.start.line}:${mention.range.start.character}`,
      parent: node,
      mention,
    }));
    return [...roles, ...mentions];
  }

  getParent(node: OfficialsNode): OfficialsNode | undefined {
    return node.kind === 'official' ? undefined : node.parent;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

function officialNodes(document: vscode.TextDocument, annotations: FileAnnotations): OfficialNode[] {
  const seen = new Set<string>();
  return annotations.officials.map((official, index) => {
    // Ids keep the tree's expansion across refreshes; they must also be unique.
    let id = `${document.uri.toString()}#${official.id}`;
    if (seen.has(id)) id += `~${index}`;
    seen.add(id);
    return { kind: 'official', id, official, document, releases: annotations.releases };
  });
}

function officialItem(node: OfficialNode): vscode.TreeItem {
  const { official } = node;
  const item = new vscode.TreeItem(official.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = official.roles[0]?.text ?? '';
  item.iconPath = new vscode.ThemeIcon('person');
  item.contextValue = 'official';
  // appendText escapes: names and roles come from the document, not from us.
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown('**').appendText(official.name).appendMarkdown('**\n\n');
  for (const role of official.roles) tooltip.appendMarkdown('- ').appendText(role.text).appendMarkdown('\n');
  const count = official.mentions.length;
  tooltip.appendMarkdown(`\n${count} ${count === 1 ? 'mention' : 'mentions'}`);
  if (official.aliases.length > 0) tooltip.appendText(` · also written ${official.aliases.map((alias) => `“${alias}”`).join(', ')}`);
  item.tooltip = tooltip;
  return item;
}

function roleItem(node: RoleNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.role.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('briefcase');
  item.contextValue = 'role';
  item.tooltip = node.role.organization ? `${node.role.title} · ${node.role.organization}` : node.role.title;
  return item;
}

function mentionItem(node: MentionNode): vscode.TreeItem {
  const { mention, parent } = node;
  const range = toRange(mention.range);
  const prefix = `${range.start.line + 1}: `;
  const { text, highlight } = snippet(parent.document, range);
  const label: vscode.TreeItemLabel = {
    label: prefix + text,
    highlights: highlight ? [[prefix.length + highlight[0], prefix.length + highlight[1]]] : [],
  };
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('mention');
  item.contextValue = 'mention';
  const release = parent.releases[mention.release];
  item.tooltip = release ? `${mention.text} — in “${release.title}”` : mention.text;
  const options: vscode.TextDocumentShowOptions = { selection: range, preserveFocus: false };
  item.command = { title: 'Show Mention', command: 'vscode.open', arguments: [parent.document.uri, options] };
  return item;
}

/** The mention with some text around it, on one line, and where the name sits in it. */
function snippet(document: vscode.TextDocument, range: vscode.Range): { text: string; highlight?: [number, number] } {
  if (range.start.line >= document.lineCount) return { text: '' };
  const line = document.lineAt(range.start.line).text;
  const end = range.end.line === range.start.line ? Math.min(range.end.character, line.length) : line.length;
  let from = Math.max(0, range.start.character - SNIPPET_BEFORE);
  let to = Math.min(line.length, end + SNIPPET_AFTER);
  // Cut at word boundaries so the snippet does not start or end mid-word.
  if (from > 0) from = nextSpace(line, from, range.start.character);
  if (to < line.length) to = previousSpace(line, to, end);
  const head = from > 0 ? '…' : '';
  const tail = to < line.length ? '…' : '';
  const body = line.slice(from, to).replace(/\s/g, ' ');
  const trimmed = body.trimStart();
  const shift = head.length - (body.length - trimmed.length);
  const text = head + trimmed.trimEnd() + tail;
  const start = range.start.character - from + shift;
  return { text, highlight: [start, start + (end - range.start.character)] };
}

function nextSpace(line: string, from: number, limit: number): number {
  const space = line.slice(from, limit).search(/\s/);
  return space < 0 ? from : from + space + 1;
}

function previousSpace(line: string, to: number, limit: number): number {
  const space = line.slice(limit, to).search(/\s\S*$/);
  return space < 0 ? to : limit + space;
}

/**
 * Registers the Officials view and keeps it in step with the active document.
 * @returns what to dispose on deactivation
 */
export function registerOfficialsView(source: ActiveAnnotations): vscode.Disposable {
  const tree = new OfficialsTree();
  const view = vscode.window.createTreeView(OFFICIALS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const render = (state: AnnotatedDocument): void => {
    if (!tree.update(state)) return;
    view.description = state.document ? fileName(state.document.uri) : undefined;
    view.message = messageFor(state, tree.officials.length);
  };
  render(source.current);
  const subscriptions: vscode.Disposable[] = [
    tree,
    view,
    source.onDidChange(render),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (document.languageId === DIPLOMATIC) void showOfficialsView();
    }),
  ];
  if (vscode.workspace.textDocuments.some((document) => document.languageId === DIPLOMATIC)) void showOfficialsView();
  return vscode.Disposable.from(...subscriptions);
}

function messageFor(state: AnnotatedDocument, officials: number): string | undefined {
  if (!state.document) return 'Open a file of releases to list the officials it names.';
  if (!state.annotations) return `${fileName(state.document.uri)} holds no releases Attaché can read.`;
  if (officials === 0) return 'No officials are named in this file.';
  return undefined;
}

let viewShown = false;

/** Makes the Officials view available in the Explorer (it stays so for the window's life). */
export async function showOfficialsView(): Promise<void> {
  if (viewShown) return;
  viewShown = true;
  await vscode.commands.executeCommand('setContext', OFFICIALS_VIEW_CONTEXT, true);
}

/** Shows and focuses the Officials view. */
export async function focusOfficialsView(): Promise<void> {
  await showOfficialsView();
  await vscode.commands.executeCommand(`${OFFICIALS_VIEW_ID}.focus`);
}
