// Lighthouse (its mobile defaults: a mid-range phone on a slow 4G network, simulated) on some
// pages of a site folder, in the system's Chromium (through puppeteer-core). The folder is
// served over HTTP on 127.0.0.1 as a web server would serve it (text gzip-compressed, the
// files' types named); nothing outside it is requested. Prints one JSON line per page: its
// four category scores (0–100) and the audits that did not pass; exit code 0 when it ran.
// A page scoring under 95 in a category is run twice more and its median run reported, as
// Lighthouse CI does: a simulated phone's timings move with the machine's load.
//
// node lighthouse.mjs SITE_DIR PAGE...
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const site = path.resolve(process.argv[2]);
const pages = process.argv.slice(3);
const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml",
  ".woff2": "font/woff2", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
  ".csv": "text/csv; charset=utf-8", ".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8",
};
const server = http.createServer((req, res) => {
  const file = path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!file.startsWith(site + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    return res.end("Ikke funnet");
  }
  const type = types[path.extname(file).toLowerCase()] || "application/octet-stream";
  let body = fs.readFileSync(file);
  const headers = { "content-type": type, "cache-control": "max-age=3600" };
  if (/^(text\/|image\/svg)/.test(type) && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
    body = zlib.gzipSync(body);
    headers["content-encoding"] = "gzip";
  }
  res.writeHead(200, headers);
  res.end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu"],
});
const port = Number(new URL(browser.wsEndpoint()).port);
const categories = ["performance", "accessibility", "best-practices", "seo"];
const audit = async (name) => {
  const { lhr } = await lighthouse(`${origin}/${name}`, { port, output: "json", logLevel: "error", onlyCategories: categories });
  const total = categories.reduce((sum, c) => sum + (lhr.categories[c].score ?? 0), 0);
  return { lhr, total, low: categories.some((c) => (lhr.categories[c].score ?? 0) < 0.95) };
};
for (const name of pages) {
  const runs = [await audit(name)];
  if (runs[0].low) runs.push(await audit(name), await audit(name));
  runs.sort((a, b) => a.total - b.total);
  const lhr = runs[Math.floor(runs.length / 2)].lhr;
  const scores = Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c].score ?? 0) * 100)]));
  const failing = categories.flatMap((c) => lhr.categories[c].auditRefs
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
    .map((ref) => ({ category: c, id: ref.id, score: lhr.audits[ref.id].score, value: lhr.audits[ref.id].displayValue || "" })));
  console.log(JSON.stringify({ page: name, runs: runs.length, scores, failing, runtimeError: lhr.runtimeError?.message || null }));
}
await browser.close();
server.close();
