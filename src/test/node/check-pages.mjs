// Opens pages in a real headless Chromium (the one packed inside @sparticuz/chromium, driven by
// puppeteer-core) and prints, as one JSON document on stdout, what a reader and a checker see:
// per page and viewport the status, visible text, headings, JSON-LD, axe-core's verdict, what the
// page itself failed to load or was refused by its own Content-Security-Policy, the links it
// was asked to follow (where a click lands, with status and content type), and once per page
// html-validate's verdict on the raw HTML as served. The Java test (NewsroomBrowserIT) asserts;
// this script only observes, so a failing page still yields a full report.
//
// Usage: node check-pages.mjs BASE_URL CHECKS.json
// CHECKS.json: {
//   "screenshots": "/abs/dir",                       (optional: full-page PNGs go there)
//   "viewports": [{"name", "width", "height", "isMobile", "deviceScaleFactor"}],  (optional)
//   "pages": [{"name", "path", "screenshot": bool, "follow": [{"name", "selector"}]}]
// }
// The packed Chromium is unpacked into os.tmpdir() (the caller sets TMPDIR to a directory of
// its own): once per run, beside nothing another process could be unpacking at the same time.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import chromium from '@sparticuz/chromium';
import puppeteer from 'puppeteer-core';
import { HtmlValidate } from 'html-validate';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_VERSION = require('axe-core/package.json').version;

const DEFAULT_VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800, isMobile: false, deviceScaleFactor: 1 },
  { name: 'phone', width: 375, height: 812, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
];
// HTML5 validity, not house style: html-validate's "standard" preset is the rules of the HTML
// standard itself; the two added are document rules that are also the standard's (a doctype,
// ARIA references that point at ids that exist). "recommended" would add style rules (no
// inline style, boolean attribute spelling) that say nothing about validity.
const VALIDATOR = new HtmlValidate({
  extends: ['html-validate:standard'],
  rules: { 'missing-doctype': 'error', 'no-missing-references': 'error' },
});
const WATCHDOG_MS = 120_000;

const [base, checksFile] = process.argv.slice(2);
if (!base || !checksFile) {
  console.error('usage: node check-pages.mjs BASE_URL CHECKS.json');
  process.exit(64);
}
const checks = JSON.parse(readFileSync(checksFile, 'utf8'));
const viewports = checks.viewports ?? DEFAULT_VIEWPORTS;
const started = Date.now();
const timings = {};

let browser;
// A hung page must not leave Chromium behind: give up, close it, and say so.
const watchdog = setTimeout(async () => {
  console.error(`check-pages: no result after ${WATCHDOG_MS} ms, closing the browser`);
  await browser?.close().catch(() => {});
  process.exit(3);
}, WATCHDOG_MS);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, async () => {
    await browser?.close().catch(() => {});
    process.exit(130);
  });
}

try {
  const executablePath = await chromium.executablePath();
  timings.unpackMs = Date.now() - started;
  browser = await puppeteer.launch({
    executablePath,
    args: chromium.args,
    headless: 'shell',
    env: { ...process.env, FONTCONFIG_FILE: fontConfig() },
  });
  timings.launchMs = Date.now() - started - timings.unpackMs;
  const pages = [];
  const validation = {};
  for (const viewport of viewports) {
    const tab = await browser.newPage();
    await tab.setViewport(viewport);
    await tab.evaluateOnNewDocument(() => {
      window.__pressfeedCsp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__pressfeedCsp.push({
        directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
      }));
    });
    for (const spec of checks.pages) {
      const result = await visit(tab, spec, viewport);
      if (!(spec.name in validation) && result.html != null) {
        validation[spec.name] = await validate(result.html);
      }
      delete result.html;
      pages.push(result);
    }
    await tab.close();
  }
  timings.totalMs = Date.now() - started;
  process.stdout.write(JSON.stringify({
    browser: await browser.version(), axe: AXE_VERSION, timings, pages, validation,
  }) + '\n');
} finally {
  clearTimeout(watchdog);
  await browser?.close().catch(() => {});
}

/**
 * The packed fonts' own fonts.conf names /tmp/fonts; this one names where they were really
 * unpacked, and nothing of the machine's, so screenshots look the same on every machine.
 */
function fontConfig() {
  const dir = join(tmpdir(), 'fonts');
  const file = join(dir, 'pressfeed-fonts.conf');
  writeFileSync(file, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n`
    + `<fontconfig><dir>${join(dir, 'fonts')}</dir><cachedir>${join(tmpdir(), 'fonts-cache')}</cachedir></fontconfig>\n`);
  return file;
}

async function visit(tab, spec, viewport) {
  const url = new URL(spec.path, base).href;
  const result = { name: spec.name, viewport: viewport.name, url };
  const t0 = Date.now();
  const subresources = [];
  const failed = [];
  const onResponse = (response) => {
    if (response.request().isNavigationRequest()) return;
    subresources.push({ url: response.url(), status: response.status(), type: response.request().resourceType() });
  };
  const onFailed = (request) => failed.push({ url: request.url(), error: request.failure()?.errorText ?? 'failed' });
  tab.on('response', onResponse);
  tab.on('requestfailed', onFailed);
  try {
    const response = await tab.goto(url, { waitUntil: 'load' });
    const body = await response.buffer();
    result.status = response.status();
    result.contentType = response.headers()['content-type'] ?? null;
    result.bytes = body.length;
    result.html = body.toString('utf8');
    Object.assign(result, await tab.evaluate(() => ({
      finalUrl: location.href,
      lang: document.documentElement.lang,
      title: document.title,
      h1: [...document.querySelectorAll('h1')].map((h) => h.innerText),
      h2: [...document.querySelectorAll('h2')].map((h) => h.innerText),
      text: document.body?.innerText ?? '',
      jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => {
        try {
          return JSON.parse(s.textContent);
        } catch (e) {
          return { unparsable: String(e), source: s.textContent };
        }
      }),
      // scrolling sideways on a phone is what "not readable on a phone" looks like
      overflowsX: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    })));
    result.subresources = subresources;
    result.failedRequests = [...failed, ...subresources.filter((r) => r.status >= 400)];
    result.cspViolations = await cspViolations(tab);
    result.axe = await runAxe(tab);
    if (spec.screenshot && checks.screenshots) {
      mkdirSync(checks.screenshots, { recursive: true });
      const path = join(checks.screenshots, `${spec.name}-${viewport.name}.png`);
      await tab.screenshot({ path, fullPage: true });
      result.screenshot = path;
    }
    result.follows = [];
    for (const link of spec.follow ?? []) {
      if (tab.url() !== url) {
        await tab.goto(url, { waitUntil: 'load' });
      }
      result.follows.push(await follow(tab, url, link));
    }
  } catch (e) {
    result.error = String(e?.stack ?? e);
  } finally {
    tab.off('response', onResponse);
    tab.off('requestfailed', onFailed);
  }
  result.ms = Date.now() - t0;
  return result;
}

/**
 * CSP violations the page's own policy reported. DevTools' evaluation is outside the page's
 * policy, so this listener and axe run even under "script-src 'none'"; it is registered for
 * every new document, before the page's first byte.
 */
async function cspViolations(tab) {
  return tab.evaluate(() => window.__pressfeedCsp ?? []);
}

async function runAxe(tab) {
  await tab.evaluate(AXE_SOURCE);
  return tab.evaluate(async () => {
    // axe's default rule set, with every WCAG 2 A and AA rule switched on even where axe
    // leaves one off by default.
    const wcag = window.axe.getRules(['wcag2a', 'wcag2aa']).map((r) => r.ruleId);
    const rules = Object.fromEntries(wcag.map((id) => [id, { enabled: true }]));
    const r = await window.axe.run(document, { rules, resultTypes: ['violations', 'incomplete'] });
    const node = (n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary ?? null });
    return {
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(node) })),
      incomplete: r.incomplete.map((v) => ({ id: v.id, nodes: v.nodes.map(node) })),
      passes: r.passes.length,
      inapplicable: r.inapplicable.length,
    };
  });
}

/** Clicks the first element the selector matches and reports where the browser went. */
async function follow(tab, from, link) {
  const out = { name: link.name, selector: link.selector };
  try {
    const href = await tab.$eval(link.selector, (a) => a.href).catch(() => null);
    if (href == null) {
      out.error = 'no element matches';
      return out;
    }
    out.href = href;
    // A feed is not a document Chromium shows: it may end as a download, which aborts the
    // navigation. The main frame's response is what the reader's click got either way.
    const landed = tab.waitForResponse(
      (r) => r.request().isNavigationRequest() && r.frame() === tab.mainFrame() && r.url() !== from,
      { timeout: 10_000 });
    const navigated = tab.waitForNavigation({ waitUntil: 'load', timeout: 10_000 }).then(() => true, () => false);
    await tab.click(link.selector);
    const response = await landed;
    out.url = response.url();
    out.status = response.status();
    out.contentType = response.headers()['content-type'] ?? null;
    if (await navigated && (out.contentType ?? '').startsWith('text/html')) {
      Object.assign(out, await tab.evaluate(() => ({
        h1: [...document.querySelectorAll('h1')].map((h) => h.innerText),
        text: document.body?.innerText ?? '',
      })));
    }
  } catch (e) {
    out.error = String(e?.message ?? e);
  }
  return out;
}

async function validate(html) {
  const report = await VALIDATOR.validateString(html);
  const messages = report.results.flatMap((r) => r.messages).map((m) => ({
    rule: m.ruleId, severity: m.severity === 2 ? 'error' : 'warning', message: m.message,
    line: m.line, column: m.column, selector: m.selector ?? null,
  }));
  return {
    valid: report.valid,
    errors: messages.filter((m) => m.severity === 'error'),
    warnings: messages.filter((m) => m.severity === 'warning'),
  };
}
