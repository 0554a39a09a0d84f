// The UI smoke test: what a person sees of Attaché in the workbench, checked on the screen
// (playwright-core driving the code-server page) rather than through the `vscode` API.
// A `ui(page, { url, screenshot })` callback for runExtensionTests (scripts/codeserver.mjs); run it
// with `node test/integration/runInCodeServer.mjs --ui test/integration/ui.mjs [--vsix FILE]`.
//
// Checks, each kept as a screenshot (SCREENSHOTS/ui/*.png, test-results/ is git-ignored):
//   outline.png   the Outline view lists the release titles of nato-2025-03.txt
//   hover.png     a mouse hover on "Rutte" shows his role in `.monaco-hover-content`
//   problems.png  the Problems panel lists a planted problem of planted-errors-dev.txt
// A failing step also leaves STEP-failed.png.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The release titles of nato-2025-03.txt, in file order, from the corpus gold file. */
function natoTitles() {
  const sharedDir = process.env.ATTACHE_SHARED_DIR ?? path.resolve(REPO_ROOT, '..', 'shared');
  const gold = JSON.parse(fs.readFileSync(path.join(sharedDir, 'corpus', 'nato-2025-03.gold.json'), 'utf8'));
  return gold.releases.map((release) => release.title);
}
/** The planted weekday mismatch of planted-errors-dev.txt (line 23): its message names both days. */
const PLANTED_PROBLEM = /Thursday, not a Friday/;
/** The role the hover on "Rutte" must name. */
const RUTTE_ROLE = 'NATO Secretary General';
const STEP_TIMEOUT_MS = 30_000;

/**
 * @param {import('playwright-core').Page} page the workbench page
 * @param {{ url: string, screenshot: (name: string) => Promise<string | undefined> }} context
 */
export default async function ui(page, { screenshot }) {
  let number = 0;
  const step = async (name, slug, fn) => {
    const started = Date.now();
    number++;
    try {
      await fn();
      console.log(`ok ${number} - ui: ${name} (${Date.now() - started} ms)`);
    } catch (err) {
      console.log(`not ok ${number} - ui: ${name}`);
      await screenshot(`${slug}-failed`).catch(() => undefined);
      throw err;
    }
  };

  await step('the workbench is ready', 'workbench', async () => {
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: STEP_TIMEOUT_MS });
    // The Explorer lists the workspace once the remote file system answers.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'nato-2025-03.txt' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  });

  await step('nato-2025-03.txt opens as Diplomatic Release', 'open', async () => {
    await openFile(page, 'nato-2025-03.txt');
    await languageIs(page, 'Diplomatic Release');
  });

  await step('the Outline view shows the release titles', 'outline', async () => {
    const titles = natoTitles();
    await runCommand(page, 'Explorer: Focus on Outline View');
    const outline = page.locator('.outline-pane');
    await outline.waitFor({ timeout: STEP_TIMEOUT_MS });
    await outline.locator('.monaco-list-row').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    // Room for the whole outline: fold the Explorer's file list away and collapse the releases
    // (their people and dates are their children), so that every title is on screen at once.
    await togglePane(page, page.locator('.explorer-folders-view'));
    await collapseAll(page, outline);
    const missing = [];
    for (const title of titles) {
      const row = outline.locator('.monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ state: 'visible', timeout: missing.length === 0 ? STEP_TIMEOUT_MS : 1000 });
      } catch {
        missing.push(title);
      }
    }
    await screenshot('outline');
    if (missing.length > 0) {
      const shown = await outline.locator('.monaco-list-row').allInnerTexts();
      throw new Error(`the Outline view does not show ${JSON.stringify(missing)}; it shows ${JSON.stringify(shown)}`);
    }
  });

  await step('a mouse hover on "Rutte" shows his role', 'hover', async () => {
    await goToLine(page, 55); // "… Mr Rutte praised the President …"
    const hover = page.locator('.monaco-hover-content');
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (let attempt = 0; ; attempt++) {
      const box = await wordBox(page, 'Rutte');
      if (!box) throw new Error('no "Rutte" is shown in the editor after going to line 55');
      // Come from elsewhere, then rest on the word: the hover opens after a short delay.
      await page.mouse.move(box.x + box.width / 2, box.y - 60);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      try {
        await hover.filter({ hasText: RUTTE_ROLE }).first().waitFor({ state: 'visible', timeout: 4000 });
        break;
      } catch (err) {
        // The first hover may come before the server has read the file; try again.
        if (Date.now() > deadline) {
          const shown = await hover.allInnerTexts().catch(() => []);
          throw new Error(`no hover naming "${RUTTE_ROLE}" (hover shown: ${JSON.stringify(shown)}): ${err.message}`);
        }
      }
    }
    await screenshot('hover');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  await step('the Problems panel lists a planted problem', 'problems', async () => {
    await openFile(page, 'planted-errors-dev.txt');
    await languageIs(page, 'Diplomatic Release');
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)', 'Focus Problems');
    const panel = page.locator('.panel .markers-panel');
    await panel.waitFor({ timeout: STEP_TIMEOUT_MS });
    await panel.locator('.monaco-list-row', { hasText: PLANTED_PROBLEM }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await goToLine(page, 23); // the squiggle under "Friday" shows in the same screenshot
    await screenshot('problems');
  });
}

/** Runs a command from the Command Palette by its label (the first match of `filter`). */
async function runCommand(page, label, filter = label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await input.fill(`>${filter}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/** Opens a workspace file with Quick Open (Ctrl+P), as a user would. */
async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Waits until the status bar's language indicator names `language`. */
async function languageIs(page, language) {
  await page.locator('[id="status.editor.mode"]', { hasText: language }).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Go to Line (Ctrl+G) in the active editor. */
async function goToLine(page, line) {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/** The view pane (header and body) that holds `inner`. */
function paneOf(inner) {
  return inner.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " pane ")][1]');
}

/** Expands or collapses a view pane by clicking its header, as a user would. */
async function togglePane(page, inner) {
  await paneOf(inner).locator('.pane-header').first().click();
}

/** Collapses a tree view with its title bar's Collapse All action, where it has one. */
async function collapseAll(page, inner) {
  const pane = paneOf(inner);
  await pane.locator('.pane-header').hover();
  const action = pane.locator('.pane-header .action-label.codicon-collapse-all');
  if (await action.count()) await action.first().click();
}

/**
 * The on-screen box of the first visible occurrence of `word` in the active editor's text (in
 * a line that shows "Mr " before it where there is one), measured with a DOM Range over the
 * rendered text, or undefined.
 */
async function wordBox(page, word) {
  return page.evaluate((needle) => {
    const root = document.querySelector('.editor-instance .monaco-editor .view-lines');
    if (!root) return undefined;
    const boxes = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        const line = node.parentElement?.closest('.view-line')?.textContent ?? '';
        boxes.push({ x: rect.x, y: rect.y, width: rect.width, height: rect.height, afterMr: line.includes(`Mr ${needle}`) });
      }
    }
    const inView = boxes.filter((b) => b.y > 0 && b.y < window.innerHeight);
    return inView.find((b) => b.afterMr) ?? inView[0];
  }, word);
}
