// Loads pingcha's HTML run report in Debian's headless Chromium and checks that it works
// offline and prints: no console or page errors, no dialog (no script from case data ran),
// no network request at all (each is blocked and counted), both SVG charts with one bar
// group per agency and one bar per ranked defect (each with a <title> tooltip), the tables'
// numbers equal to the JSON report, and an A4 PDF.
// Usage: node report_html.mjs REPORT.html REPORT.json OUT.pdf
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [htmlPath, jsonPath, pdfPath] = process.argv.slice(2);
const report = JSON.parse(readFileSync(jsonPath, 'utf8'));
const url = pathToFileURL(resolve(htmlPath)).href;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  const problems = [];
  let requests = 0;
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (r.url() !== url) requests += 1; });
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    return route.abort();  // counted by the 'request' listener
  });
  await page.goto(url, { waitUntil: 'load' });

  // Charts: grade distribution (a bar group per agency, a bar per grade it has) and defects.
  const grades = await page.$$eval('svg#chart-grades g.bar-group', (gs) =>
    gs.map((g) => ({ unit: g.dataset.unit, bars: g.querySelectorAll('rect.bar').length,
                     titled: [...g.querySelectorAll('rect.bar')].every((r) => r.querySelector('title')?.textContent) })));
  check(grades.length === report['各单位'].length, `grade chart has ${grades.length} bar groups, expected ${report['各单位'].length}`);
  report['各单位'].forEach((a, i) => {
    const nonzero = Object.values(a['等级分布']).filter((n) => n > 0).length;
    check(grades[i]?.unit === a['单位'], `grade chart group ${i} is ${grades[i]?.unit}, expected ${a['单位']}`);
    check(grades[i]?.bars === nonzero, `grade chart ${a['单位']}: ${grades[i]?.bars} bars, expected ${nonzero}`);
    check(grades[i]?.titled, `grade chart ${a['单位']}: a bar without a tooltip`);
  });
  const defects = await page.$$eval('svg#chart-defects rect.bar', (rs) => rs.map((r) => r.querySelector('title')?.textContent ?? ''));
  const expected = Math.min(30, report['问题排行'].length);
  check(defects.length === expected, `defect chart has ${defects.length} bars, expected ${expected}`);
  report['问题排行'].slice(0, expected).forEach((d, i) =>
    check(defects[i]?.startsWith(`${d['规则']} ${d['名称']}：${d['案卷数']} 件案卷`), `defect bar ${i} tooltip: ${defects[i]}`));
  const labels = await page.$$eval('svg.chart text.label', (ts) => ts.length);
  check(labels === grades.length + defects.length, `charts have ${labels} text labels`);

  // Numbers in the agency table as displayed, against the JSON.
  const rows = await page.$$eval('table[data-key="各单位"] tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const [head, ...body] = rows;
  const agencies = [...report['各单位'], report['合计']];
  check(body.length === agencies.length, `agency table has ${body.length} rows`);
  agencies.forEach((a, i) => {
    const cell = (h) => body[i]?.[head.indexOf(h)];
    check(cell('单位') === a['单位'], `agency row ${i}: ${cell('单位')}`);
    check(Number(cell('案卷数')) === a['案卷数'], `${a['单位']} 案卷数 ${cell('案卷数')}`);
    check(Math.abs(Number(cell('平均分')) - a['平均分']) < 0.005, `${a['单位']} 平均分 ${cell('平均分')}`);
    check(Math.abs(parseFloat(cell('合格率')) - a['合格率'] * 100) < 0.005, `${a['单位']} 合格率 ${cell('合格率')}`);
    for (const [g, n] of Object.entries(a['等级分布'])) check(Number(cell(g)) === n, `${a['单位']} ${g} ${cell(g)}`);
  });

  // Case text is shown as text; nothing executable came from it.
  const text = await page.evaluate(() => document.body.innerText);
  check(text.includes('<script>alert(1)</script>"&\''), 'the hostile case id is not shown as text');
  check(await page.$$eval('script, img, iframe, object, embed, link', (es) => es.length) === 0, 'an active element is in the page');

  // Print: sections break before pages, charts fit the A4 content width, a PDF comes out.
  await page.emulateMedia({ media: 'print' });
  const breaks = await page.$$eval('section.major', (ss) => ss.map((s) => getComputedStyle(s).breakBefore));
  check(breaks.length >= 2 && breaks.every((b) => b === 'page'), `major sections break: ${breaks}`);
  const pdf = await page.pdf({ format: 'A4' });
  writeFileSync(pdfPath, pdf);
  check(pdf.subarray(0, 5).toString() === '%PDF-', 'page.pdf did not produce a PDF');
  await page.setViewportSize({ width: 680, height: 1000 });  // ≈ A4 content width at 96 dpi
  const widths = await page.$$eval('svg.chart', (ss) => ss.map((s) => s.getBoundingClientRect().right));
  check(widths.length === 2 && widths.every((r) => r <= 680), `charts overflow the page: ${widths}`);

  check(problems.length === 0, problems.join('\n'));
  check(requests === 0, `${requests} network request(s)`);
  console.log(`html report: ${grades.length} agency bar groups, ${defects.length} defect bars, PDF ${pdf.length} bytes, ${requests} requests`);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
