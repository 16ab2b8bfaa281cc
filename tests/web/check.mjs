// The web edition in a real browser: every HTML page of a site folder opened in headless
// Chromium (the system's, through puppeteer-core), checked with axe-core for the WCAG 2.0 and
// 2.1 A and AA rules, at 320 px for horizontal scrolling, and for links and images that do
// not resolve inside the folder. Prints one JSON line per page; exit code 0 when it ran.
//
// node check.mjs SITE_DIR [SCREENSHOT_DIR]
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

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
for (const name of pages) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto("file://" + path.join(site, name), { waitUntil: "load" });
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  // Every link and image of the page, resolved against the page.
  const refs = await page.evaluate(() => [
    ...[...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")),
    ...[...document.querySelectorAll("img[src], link[href]")].map((e) => e.getAttribute("src") || e.getAttribute("href")),
  ]);
  const broken = refs.filter((ref) => {
    if (ref.startsWith("#")) return false;
    if (/^[a-z]+:/i.test(ref)) return true; // nothing may leave the site
    const target = path.resolve(site, ref.split("#")[0]);
    return !target.startsWith(site + path.sep) || !fs.existsSync(target);
  });
  if (shots) await page.screenshot({ path: path.join(shots, name.replace(".html", "-desktop.png")), fullPage: true });
  await page.setViewport({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (shots) await page.screenshot({ path: path.join(shots, name.replace(".html", "-320.png")), fullPage: true });
  console.log(JSON.stringify({ page: name, violations: axe, overflow, broken }));
  await page.close();
}
await browser.close();
