// The web edition in a real browser: every HTML page of a site folder opened in headless
// Chromium (the system's, through puppeteer-core), checked with axe-core for the WCAG 2.0,
// 2.1 and 2.2 A and AA rules, with pa11y (HTML_CodeSniffer, WCAG2AA) in the same browser, with
// the Nu HTML validator (vnu-jar, run by the machine's java), at 320 px for horizontal
// scrolling, and for links and images that do not resolve inside the folder. Prints one JSON
// line per page; exit code 0 when it ran.
//
// node check.mjs SITE_DIR [SCREENSHOT_DIR]
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import puppeteer from "puppeteer-core";
import pa11y from "pa11y";

const require = createRequire(import.meta.url);
const site = path.resolve(process.argv[2]);
const shots = process.argv[3] ? path.resolve(process.argv[3]) : null;
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
});
const pages = fs.readdirSync(site).filter((f) => f.endsWith(".html")).sort();
// The Nu validator over every page at once (one JVM): its errors, by page.
const vnu = (() => {
  const jar = require.resolve("vnu-jar/build/dist/vnu.jar");
  // Its JSON report is written to standard error (exit code 1 when it found errors).
  const run = spawnSync(process.env.JAVA || "java", ["-jar", jar, "--format", "json", "--errors-only", ...pages.map((p) => path.join(site, p))], { encoding: "utf8", maxBuffer: 64 << 20 });
  if (run.error) throw run.error;
  const byPage = {};
  for (const m of JSON.parse(run.stderr).messages) {
    const name = path.basename(decodeURIComponent(new URL(m.url).pathname));
    (byPage[name] ||= []).push({ message: m.message, line: m.lastLine, extract: (m.extract || "").slice(0, 80) });
  }
  return byPage;
})();
for (const name of pages) {
  // The page under its own Content-Security-Policy: nothing it needs may be refused.
  const strict = await browser.newPage();
  const csp = [];
  strict.on("console", (m) => { if (/Content Security Policy|Refused to/.test(m.text())) csp.push(m.text().slice(0, 160)); });
  await strict.goto("file://" + path.join(site, name), { waitUntil: "load" });
  // The web fonts the page uses load (a font the browser's sanitiser refuses is an error).
  const fonts = await strict.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].map((f) => ({ weight: f.weight, style: f.style, status: f.status }));
  });
  await strict.close();
  // The checkers are scripts the page's policy rightly refuses: they run with it bypassed.
  const page = await browser.newPage();
  await page.setBypassCSP(true);
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto("file://" + path.join(site, name), { waitUntil: "load" });
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  // Every link and image of the page, resolved against the page.
  const refs = await page.evaluate(() => [
    // A link a reader follows to an outside authority (the statement's Uutilsynet) requests
    // nothing: only https links are let out, and no image or style sheet.
    ...[...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")).filter((h) => !/^https:\/\//i.test(h)),
    ...[...document.querySelectorAll("img[src], link[href]")].map((e) => e.getAttribute("src") || e.getAttribute("href")),
  ]);
  const broken = refs.filter((ref) => {
    if (ref.startsWith("#") || /^(mailto|tel):/i.test(ref)) return false; // no request: an address
    if (/^[a-z]+:/i.test(ref)) return true; // nothing may leave the site
    const target = path.resolve(site, ref.split("#")[0]);
    return !target.startsWith(site + path.sep) || !fs.existsSync(target);
  });
  // The smallest scale a shown chart drawing has, CSS px per pt of its drawing (its labels'
  // size in px is this times their size in pt); null where the page has no chart.
  const chartScale = () => page.evaluate(() => {
    const shown = [...document.querySelectorAll(".drawing svg")].filter((s) => s.getClientRects().length > 0);
    return shown.length ? Math.min(...shown.map((s) => s.getBoundingClientRect().width / s.viewBox.baseVal.width)) : null;
  });
  const chartsDesktop = await chartScale();
  // At 1280 px: the narrowest label column of a key-figure table (a nøkkeltall's name), in px,
  // null without one; and the chapters a chapter page's navigation shows beside its text
  // (links to pages of the site in a shown <nav> outside <main>, the pager aside).
  const kfLabel = await page.evaluate(() => {
    const widths = [...document.querySelectorAll(".key-figures tbody th[scope=row]")].filter((t) => t.getClientRects().length > 0).map((t) => t.getBoundingClientRect().width);
    return widths.length ? Math.round(Math.min(...widths)) : null;
  });
  const navShown = () => page.evaluate(() => [...document.querySelectorAll("nav:not(.pager) a[href$='.html']")]
    .filter((a) => !a.closest("main") && a.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })).length);
  const navDesktop = await navShown();
  if (shots) await page.screenshot({ path: path.join(shots, name.replace(".html", "-desktop.png")), fullPage: true });
  // Between a phone and a desktop (1024 and 768 px) a table wider than the text column stays
  // a table: the lists of rows shown there (none), and each scrolling table region shown, with
  // whether it scrolls, whether it has a tab stop, its height and how its rows' first column
  // is placed (sticky).
  const between = {};
  for (const width of [1024, 768]) {
    await page.setViewport({ width, height: 900 });
    between[width] = await page.evaluate(() => ({
      cards: [...document.querySelectorAll(".table-cards")].filter((e) => e.getClientRects().length > 0).length,
      tables: [...document.querySelectorAll(".table-scroll")].filter((e) => e.getClientRects().length > 0).map((e) => ({
        label: e.getAttribute("aria-label") || e.getAttribute("aria-labelledby"), role: e.getAttribute("role"), scrolls: e.scrollWidth > e.clientWidth, tabStop: e.getAttribute("tabindex") === "0",
        height: Math.round(e.getBoundingClientRect().height), sticky: getComputedStyle(e.querySelector("tbody th[scope=row]")).position,
      })),
      // The contents beside the text (a chapter page), the sparklines shown of those in the
      // key-figure tables, and the least room between the window's edges and the page's
      // header, text or a table standing out of it, in px.
      side: [...document.querySelectorAll("nav.side")].some((n) => n.getClientRects().length > 0),
      sparks: [...document.querySelectorAll(".key-figures table svg.spark")].filter((e) => e.getClientRects().length > 0).length,
      sparksAll: document.querySelectorAll(".key-figures table svg.spark").length,
      edge: Math.round(Math.min(...[...document.querySelectorAll("header.site a, main, nav.side, .table-wrap")].filter((e) => e.getClientRects().length > 0)
        .flatMap((e) => { const b = e.getBoundingClientRect(); const pad = e.tagName === "MAIN" ? parseFloat(getComputedStyle(e).paddingLeft) : 0; return [b.left + pad, document.documentElement.clientWidth - b.right + pad]; }))),
    }));
  }
  await page.setViewport({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const navPhone = await navShown();
  // At 320 px the longest list of a table's rows as cards (0 without one): a long table
  // stays a table.
  const cardRows = await page.evaluate(() => Math.max(0, ...[...document.querySelectorAll(".table-cards > ul")].filter((e) => e.getClientRects().length > 0).map((u) => u.querySelectorAll(":scope > li:not(.group)").length)));
  // At 320 px a map is shown whole: its drawing at its own proportions (not cropped to a box
  // of others) and every part of it on the screen or in a region that scrolls to it: the
  // maps that are not.
  const mapsCut = await page.evaluate(() => [...document.querySelectorAll("figure.map img.map-drawing")]
    .filter((i) => i.getClientRects().length > 0)
    .filter((i) => {
      const box = i.getBoundingClientRect();
      // Its size as given by what the browser shows: a <picture>'s source for a phone (the
      // map without its strip of scale bar and credit) or the image.
      const shown = [...(i.closest("picture")?.querySelectorAll("source") || [])].find((s) => i.currentSrc.endsWith(s.getAttribute("srcset"))) || i;
      const ratio = (box.width / box.height) / (shown.getAttribute("width") / shown.getAttribute("height"));
      const cover = getComputedStyle(i).objectFit === "cover" && Math.abs(ratio - 1) > 0.01;
      const region = i.closest(".map-pan");
      const reach = region ? region.scrollWidth >= Math.floor(box.width) && /(auto|scroll)/.test(getComputedStyle(region).overflowX) : box.right <= document.documentElement.clientWidth + 1;
      return cover || Math.abs(ratio - 1) > 0.01 || !reach;
    })
    .map((i) => i.getAttribute("src")));
  // At 320 px the narrowest line of text in a conclusion box, in px (null without a box).
  const conclusionMeasure = await page.evaluate(() => {
    const widths = [...document.querySelectorAll(".conclusion li, .conclusion p:not(.box-label)")].filter((e) => e.getClientRects().length > 0).map((e) => e.getBoundingClientRect().width);
    return widths.length ? Math.round(Math.min(...widths)) : null;
  });
  const chartsPhone = await chartScale();
  // The smallest place label of a shown map at 320 px, in CSS px: the image's shown width
  // times its labels' share of the drawing's width (`data-label-share`, from the drawing
  // rapport made: the re-served SVG has its text as outlines); null without a map.
  const mapLabels = await page.evaluate(() => {
    const sizes = [...document.querySelectorAll("figure.map img[data-label-share]")]
      .filter((i) => i.getClientRects().length > 0)
      // Shown at the larger of its box's scales (a phone crops it: object-fit cover).
      .map((i) => {
        const box = i.getBoundingClientRect();
        const scale = Math.max(box.width / i.getAttribute("width"), box.height / i.getAttribute("height"));
        return scale * i.getAttribute("width") * parseFloat(i.dataset.labelShare);
      });
    return sizes.length ? Math.min(...sizes) : null;
  });
  // At 320 px a region that scrolls sideways takes a tab stop (keyboard users can scroll it),
  // and one that does not scroll takes none: the labels of those that differ.
  const regions = await page.evaluate(() => [...document.querySelectorAll("*")]
    .filter((e) => /(auto|scroll)/.test(getComputedStyle(e).overflowX) && e.getClientRects().length > 0)
    .filter((e) => (e.getAttribute("tabindex") === "0") !== (e.scrollWidth > e.clientWidth))
    .map((e) => `${e.className} «${(e.getAttribute("aria-label") || "").slice(0, 60)}» ${e.scrollWidth - e.clientWidth} px`));
  // How far a shown chart drawing reaches past its figure at 320 px (a chart must fit the
  // phone, not scroll inside a region of its own): the largest overrun in px, 0 when all fit.
  const chartOverrun = await page.evaluate(() => Math.max(0, ...[...document.querySelectorAll("figure.chart .drawing")]
    .filter((d) => d.getClientRects().length > 0)
    .map((d) => Math.ceil(d.getBoundingClientRect().right - d.closest("figure").getBoundingClientRect().right))));
  // Every key figure is on a 320 px screen (no year hidden in a region to scroll): the cells
  // that reach past it.
  const keyFiguresOff = await page.evaluate(() => [...document.querySelectorAll(".key-figures td, .key-figures tbody th, .kf-cards p, .kf-cards dt, .kf-cards dd")]
    .filter((c) => c.getClientRects().length > 0 && c.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map((c) => c.textContent.trim().slice(0, 40)));
  // Words of the page (headings, captions, cells, running text, list items) that break
  // across lines at 320 px other than at a soft hyphen or a dash (a long compound cut at an
  // arbitrary letter); text that is not shown (hidden, drawn in an SVG) aside.
  const wordsCut = await page.evaluate(() => {
    const cut = [];
    for (const el of [document.body]) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!parent.getClientRects().length || parent.closest(".visually-hidden, svg")) continue;
        for (const m of n.data.matchAll(/[^\s\u00a0]+/g)) {
          // The line each character of the word is on; a new line must follow a break point.
          let top = null;
          for (let i = 0; i < m[0].length; i++) {
            const r = document.createRange();
            r.setStart(n, m.index + i);
            r.setEnd(n, m.index + i + 1);
            // A character after a soft hyphen that broke the line has the hyphen's box too:
            // the last box is its own.
            const rect = [...r.getClientRects()].filter((x) => x.width > 0).pop();
            if (!rect) continue;
            if (top !== null && rect.top > top + 2 && !/[\u00ad\u2010\u2013\u2014\/-]/.test(m[0][i - 1])) cut.push(`${parent.tagName}: ${m[0].replace(/\u00ad/g, "")}`);
            top = rect.top;
          }
        }
      }
    }
    return cut;
  });
  if (shots) await page.screenshot({ path: path.join(shots, name.replace(".html", "-320.png")), fullPage: true });
  // WCAG 1.4.12 at 320 px: with the text spacing a reader may set (line height 1.5, letters
  // 0.12 em, words 0.16 em, paragraphs 2 em apart), nothing reaches past the screen: the
  // elements that do.
  const spacedOff = await page.evaluate(() => {
    const style = document.createElement("style");
    style.textContent = "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }";
    document.head.appendChild(style);
    const width = document.documentElement.clientWidth;
    // Inside a region that pans (a map on a phone: WCAG 1.4.10 lets content that needs two
    // dimensions scroll in its own region, which the regions check gives a tab stop) an
    // element may reach past the screen.
    const pans = (e) => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (/(auto|scroll)/.test(getComputedStyle(a).overflowX)) return true; return false; };
    const off = [...document.querySelectorAll("main table, main figure, main img, main svg, main h1, main h2, main h3")]
      .filter((e) => e.getClientRects().length > 0 && !e.closest(".visually-hidden") && !pans(e) && e.getBoundingClientRect().right > width + 1)
      .map((e) => `${e.tagName.toLowerCase()} «${(e.querySelector("caption, figcaption")?.textContent || e.textContent).trim().slice(0, 50)}» ${Math.round(e.getBoundingClientRect().right - width)} px`);
    style.remove();
    return off;
  });
  // WCAG 1.4.12 and 1.4.10 at 1280, 1024, 800 and 320 px, each without and with a reader's
  // text spacing (the bookmarklet's: line height 1.5, letters 0.12 em, words 0.16 em,
  // paragraphs 2 em apart), the fonts loaded: how far the page scrolls sideways (0 when it
  // does not), the table cells whose text or drawing reaches out of the cell (over its
  // neighbour; hidden text aside), and the regions that scroll sideways without a tab stop,
  // a role and a name, or take a tab stop without scrolling.
  const spacing = {};
  for (const width of [1280, 1024, 800, 320]) {
    for (const spaced of [false, true]) {
      await page.setViewport({ width, height: 900 });
      spacing[`${width}${spaced ? " spaced" : ""}`] = await page.evaluate(async (spaced) => {
        await document.fonts.ready;
        const style = document.createElement("style");
        style.textContent = "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }";
        if (spaced) document.head.appendChild(style);
        // Two frames: the layout settles and what observes it has run.
        for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => setTimeout(r, 50));
        const spill = [];
        for (const cell of document.querySelectorAll("main td, main th")) {
          if (!cell.getClientRects().length || cell.closest(".visually-hidden")) continue;
          const box = cell.getBoundingClientRect();
          const parts = [];
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (n.parentElement.closest(".visually-hidden") || !n.data.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(n);
            parts.push(...[...range.getClientRects()].filter((r) => r.width > 0));
          }
          parts.push(...[...cell.querySelectorAll("svg")].map((s) => s.getBoundingClientRect()));
          const out = Math.max(0, ...parts.map((r) => Math.max(r.right - box.right, box.left - r.left)));
          if (out > 1) spill.push(`${cell.textContent.trim().slice(0, 30)} ${Math.round(out)} px`);
        }
        // A card's label squeezed by a long value (an auditor found «2019», «Status» a letter a
        // line at 320 px with text spacing): narrower than three of its letters' widths.
        for (const label of document.querySelectorAll("main dt")) {
          if (!label.getClientRects().length || !label.textContent.trim()) continue;
          const width = label.getBoundingClientRect().width;
          if (width < 3 * parseFloat(getComputedStyle(label).fontSize)) spill.push(`label «${label.textContent.trim().slice(0, 20)}» ${Math.round(width)} px wide`);
        }
        const regions = [...document.querySelectorAll("main *")]
          .filter((e) => /(auto|scroll)/.test(getComputedStyle(e).overflowX) && e.getClientRects().length > 0)
          .filter((e) => {
            const scrolls = e.scrollWidth > e.clientWidth;
            const named = e.getAttribute("role") === "region" && !!(e.getAttribute("aria-label") || e.getAttribute("aria-labelledby"));
            return scrolls ? !(e.getAttribute("tabindex") === "0" && named) : e.getAttribute("tabindex") === "0";
          })
          .map((e) => `${e.className} «${(e.getAttribute("aria-label") || "").slice(0, 40)}» ${e.scrollWidth - e.clientWidth} px`);
        const result = { overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, spill: spill.slice(0, 5), spilled: spill.length, regions };
        style.remove();
        return result;
      }, spaced);
    }
  }
  await page.close();
  // At 320 px in a browser without CSS `scroll-initial-target` (Safari), under the page's own
  // policy: where each map's panning region opens, as a share of how far it pans (0 its west
  // edge, 0.5 its middle); null without a map.
  let mapStart = null;
  if (fs.readFileSync(path.join(site, name), "utf8").includes('class="map-pan"')) {
    const safari = await browser.newPage();
    await safari.evaluateOnNewDocument(() => { const s = new CSSStyleSheet(); s.replaceSync("img.map-drawing { scroll-initial-target: none !important; }"); document.adoptedStyleSheets = [s]; });
    await safari.setViewport({ width: 320, height: 640 });
    await safari.goto("file://" + path.join(site, name), { waitUntil: "load" });
    mapStart = await safari.evaluate(() => [...document.querySelectorAll(".map-pan")].filter((r) => r.scrollWidth > r.clientWidth).map((r) => Math.round(100 * r.scrollLeft / (r.scrollWidth - r.clientWidth)) / 100));
    await safari.close();
  }
  // HTML_CodeSniffer's WCAG2AA errors, through pa11y, in the same browser (a page of its own).
  const hcsPage = await browser.newPage();
  await hcsPage.setBypassCSP(true);
  const hcs = await pa11y("file://" + path.join(site, name), { browser, page: hcsPage, standard: "WCAG2AA", runners: ["htmlcs"], includeWarnings: false, includeNotices: false, timeout: 60000 });
  const pa11yErrors = hcs.issues.filter((i) => i.type === "error").map((i) => ({ code: i.code, message: i.message.slice(0, 120), selector: i.selector }));
  console.log(JSON.stringify({ page: name, violations: axe, overflow, broken, pa11y: pa11yErrors, vnu: vnu[name] || [], csp, fonts, chartScale: { desktop: chartsDesktop, phone: chartsPhone }, mapLabels, mapsCut, kfLabel, nav: { desktop: navDesktop, phone: navPhone }, conclusionMeasure, cardRows, chartOverrun, regions, keyFiguresOff, wordsCut, spacedOff, between, mapStart, spacing }));
}
await browser.close();
