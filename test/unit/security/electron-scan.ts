/**
 * A static security scan of the Electron door (src-main/electron), after the Electron security checklist.
 * Electronegativity was not used: its last release (1.10.3) pins TypeScript ~4.2 and eslint 7 and cannot
 * parse this code base's TypeScript 6 syntax reliably; these checks walk the real TypeScript AST instead.
 *
 * Rules (each finding names one):
 *   node-integration    nodeIntegration / nodeIntegrationInWorker / nodeIntegrationInSubFrames not literally false
 *   context-isolation   contextIsolation not literally true
 *   sandbox             sandbox not literally true
 *   web-security        webSecurity not true, allowRunningInsecureContent / experimentalFeatures / webviewTag true
 *   web-preferences     a BrowserWindow/View without webPreferences from secureWebPreferences() or a literal with the three flags
 *   csp                 no Content-Security-Policy header set, or a policy that allows unsafe script sources
 *   navigation          no will-navigate guard with preventDefault, no setWindowOpenHandler denying, or an 'allow'
 *   ipc-unvalidated     ipcMain.on / an ipc handle() whose listener does not go through handleCall (sender check + dispatch)
 *   remote-content      loadURL of anything but the app's fer://app/ origin; bypassCSP on a scheme
 *   open-external       shell.openExternal (never with dataset data: simplest is never)
 *   preload-exposure    the preload exposes something other than one `studio` object, or ipcRenderer itself
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface Finding {
  rule: string;
  file: string;
  line: number;
  message: string;
}

export interface SourceText {
  file: string;
  text: string;
}

const FALSE_FLAGS = ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames'];
const MUST_NOT_BE_TRUE = ['allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag'];
const UNSAFE_SCRIPT = /(script-src|default-src)[^;]*('unsafe-inline'|'unsafe-eval'|\*|https?:)/;

export function readElectronSources(dir: string): SourceText[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ts(\.txt)?$/.test(e.name))
    .map((e) => {
      const file = join(e.parentPath, e.name);
      return { file, text: readFileSync(file, 'utf8') };
    });
}

export function scanElectronSources(sources: readonly SourceText[]): Finding[] {
  const findings: Finding[] = [];
  let cspHeader = false;
  let navigationGuard = false;
  let windowOpenDenied = false;

  for (const { file, text } of sources) {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const report = (rule: string, node: ts.Node, message: string) =>
      findings.push({ rule, file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, message });
    const localFunctions = new Map<string, ts.Node>();
    ts.forEachChild(sf, function collect(n) {
      if (ts.isFunctionDeclaration(n) && n.name) localFunctions.set(n.name.text, n);
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))) localFunctions.set(n.name.text, n.initializer);
      ts.forEachChild(n, collect);
    });
    const handleCall = localFunctions.get('handleCall');
    if (handleCall && !(containsCall(handleCall, (c) => calleeText(c.expression) === 'isAppUrl') && containsCall(handleCall, (c) => /^studio\.call$/.test(calleeText(c.expression))))) {
      report('ipc-unvalidated', handleCall, 'handleCall must check the sender with isAppUrl and run studio.call (the validating dispatcher)');
    }

    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node)) {
        const name = propName(node.name);
        const v = node.initializer;
        if (name && FALSE_FLAGS.includes(name) && v.kind !== ts.SyntaxKind.FalseKeyword) report('node-integration', node, `${name} must be false`);
        if (name === 'contextIsolation' && v.kind !== ts.SyntaxKind.TrueKeyword) report('context-isolation', node, 'contextIsolation must be true');
        if (name === 'sandbox' && v.kind !== ts.SyntaxKind.TrueKeyword) report('sandbox', node, 'sandbox must be true');
        if (name === 'webSecurity' && v.kind !== ts.SyntaxKind.TrueKeyword) report('web-security', node, 'webSecurity must stay on');
        if (name && MUST_NOT_BE_TRUE.includes(name) && v.kind !== ts.SyntaxKind.FalseKeyword) report('web-security', node, `${name} must be false`);
        if (name === 'bypassCSP' && v.kind !== ts.SyntaxKind.FalseKeyword) report('remote-content', node, 'a scheme must not bypass the CSP');
        if (name === 'Content-Security-Policy') cspHeader = true;
        if (name === 'action' && ts.isStringLiteralLike(v) && v.text === 'allow') report('navigation', node, "a window-open handler must never return { action: 'allow' }");
      }
      if (ts.isStringLiteralLike(node) && UNSAFE_SCRIPT.test(node.text)) report('csp', node, `unsafe script source in a policy: ${node.text}`);
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && /^(BrowserWindow|BrowserView|WebContentsView)$/.test(node.expression.text)) checkWindow(node, report);
      if (ts.isCallExpression(node)) {
        const callee = calleeText(node.expression);
        const args = node.arguments;
        const first = args[0];
        if (/\.on(ce)?$/.test(callee) && first && ts.isStringLiteralLike(first) && first.text === 'will-navigate') {
          if (args[1] && containsCall(args[1], (c) => calleeText(c.expression).endsWith('preventDefault'))) navigationGuard = true;
        }
        if (callee.endsWith('setWindowOpenHandler')) {
          if (args[0] && containsString(args[0], 'deny') && !containsString(args[0], 'allow')) windowOpenDenied = true;
          else report('navigation', node, "setWindowOpenHandler must return { action: 'deny' }");
        }
        if (/(^|\.)ipcMain\.(on|once|addListener)$/.test(callee)) report('ipc-unvalidated', node, `${callee}: fire-and-forget IPC skips the validating dispatcher; use the handle channel`);
        if (/\.(handle|handleOnce)$/.test(callee) && first && isIpcChannel(first)) {
          const listener = args[1];
          if (!listener || !reachesHandleCall(listener, localFunctions)) report('ipc-unvalidated', node, `${callee}(${first.getText(sf)}) does not go through handleCall (sender check + contract validation)`);
        }
        if (callee.endsWith('openExternal')) report('open-external', node, 'shell.openExternal is not allowed');
        if (callee.endsWith('loadURL') && first && !isAppUrlExpression(first)) report('remote-content', node, `loadURL(${first.getText(sf)}): only the app's fer://app/ origin may be loaded`);
        if (callee.endsWith('loadFile')) report('remote-content', node, 'loadFile (file://) is not the app origin; load fer://app/');
        if (callee.endsWith('exposeInMainWorld')) {
          if (!first || !ts.isStringLiteralLike(first) || first.text !== 'studio') report('preload-exposure', node, 'the preload exposes exactly one object, named studio');
          if (args[1] && containsIdentifier(args[1], 'ipcRenderer', true)) report('preload-exposure', node, 'ipcRenderer itself must not reach the page');
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  const anchor = sources[0]?.file ?? '(none)';
  if (!cspHeader) findings.push({ rule: 'csp', file: anchor, line: 0, message: 'no Content-Security-Policy header is set on the app protocol' });
  if (!navigationGuard) findings.push({ rule: 'navigation', file: anchor, line: 0, message: "no 'will-navigate' handler calls preventDefault" });
  if (!windowOpenDenied) findings.push({ rule: 'navigation', file: anchor, line: 0, message: "no setWindowOpenHandler returns { action: 'deny' }" });
  return findings;
}

function checkWindow(node: ts.NewExpression, report: (rule: string, node: ts.Node, message: string) => void): void {
  const options = node.arguments?.[0];
  const prefs = options && ts.isObjectLiteralExpression(options) ? options.properties.find((p) => p.name && propName(p.name) === 'webPreferences') : undefined;
  if (!prefs || !ts.isPropertyAssignment(prefs)) return report('web-preferences', node, 'a window needs explicit webPreferences');
  const v = prefs.initializer;
  if (ts.isCallExpression(v) && calleeText(v.expression) === 'secureWebPreferences') return;
  if (ts.isObjectLiteralExpression(v)) {
    const set = new Map(v.properties.filter(ts.isPropertyAssignment).map((p) => [propName(p.name), p.initializer.kind] as const));
    if (set.get('contextIsolation') === ts.SyntaxKind.TrueKeyword && set.get('sandbox') === ts.SyntaxKind.TrueKeyword && set.get('nodeIntegration') === ts.SyntaxKind.FalseKeyword) return;
  }
  report('web-preferences', node, 'webPreferences must come from secureWebPreferences() or set contextIsolation: true, sandbox: true, nodeIntegration: false');
}

function propName(name: ts.PropertyName): string | null {
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : null;
}

function calleeText(e: ts.Expression): string {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return `${calleeText(e.expression)}.${e.name.text}`;
  if (ts.isCallExpression(e)) return `${calleeText(e.expression)}()`;
  return '?';
}

function isIpcChannel(e: ts.Expression): boolean {
  return (ts.isPropertyAccessExpression(e) && calleeText(e.expression).endsWith('IPC_CHANNELS')) || (ts.isStringLiteralLike(e) && e.text.includes(':'));
}

function isAppUrlExpression(e: ts.Expression): boolean {
  if (ts.isIdentifier(e)) return e.text === 'APP_INDEX_URL';
  return ts.isStringLiteralLike(e) && e.text.startsWith('fer://app/');
}

function containsCall(node: ts.Node, test: (c: ts.CallExpression) => boolean): boolean {
  let found = false;
  const walk = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && test(n)) found = true;
    else ts.forEachChild(n, walk);
  };
  walk(node);
  return found;
}

function containsString(node: ts.Node, value: string): boolean {
  let found = false;
  const walk = (n: ts.Node): void => {
    if (ts.isStringLiteralLike(n) && n.text === value) found = true;
    if (!found) ts.forEachChild(n, walk);
  };
  walk(node);
  return found;
}

/** `asValue`: only where the identifier is used as a value (not `ipcRenderer.invoke(...)`'s receiver). */
function containsIdentifier(node: ts.Node, name: string, asValue: boolean): boolean {
  let found = false;
  const walk = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name) {
      const receiver = ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n;
      if (!asValue || !receiver) found = true;
    }
    if (!found) ts.forEachChild(n, walk);
  };
  walk(node);
  return found;
}

/** The listener calls handleCall, directly or through a function declared in the same file. */
function reachesHandleCall(listener: ts.Node, locals: Map<string, ts.Node>, seen = new Set<ts.Node>()): boolean {
  if (seen.has(listener)) return false;
  seen.add(listener);
  if (ts.isIdentifier(listener)) {
    const target = locals.get(listener.text);
    return listener.text === 'handleCall' || (target !== undefined && reachesHandleCall(target, locals, seen));
  }
  return containsCall(listener, (c) => {
    const name = calleeText(c.expression);
    if (name === 'handleCall') return true;
    const target = locals.get(name);
    return target !== undefined && reachesHandleCall(target, locals, seen);
  });
}
