// Opens a score sheet (`pingcha eval --sheet html`) in Debian's headless Chromium and checks
// it as a reviewer would use it: it loads nothing from outside, case text with markup is shown
// as text and never runs, the sections and totals are there, and it prints on A4 pages.
// Usage (from the repository root): node tests/browser/score_sheet.js PINGCHA_BINARY
'use strict';
const { chromium } = require('playwright-core');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

function fail(message) {
  console.error('score_sheet: ' + message);
  process.exit(1);
}

async function main() {
  const binary = process.argv[2];
  if (!binary) fail('usage: score_sheet.js PINGCHA_BINARY');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-sheet-'));
  const record = JSON.parse(fs.readFileSync('samples/shenshan/score-several-sections-grade-hege.json', 'utf8'));
  record.cause = '<script>window.__pwned = 1</script><img src="http://example.invalid/x.png">';
  record.party.name = '某 & 某 "公司" <b>加粗</b>';
  const caseFile = path.join(dir, 'case.json');
  fs.writeFileSync(caseFile, JSON.stringify(record));
  const result = JSON.parse(execFileSync(binary, ['eval', '--rules', 'rules/shenshan', '--format', 'json', caseFile]));
  const sheet = path.join(dir, 'sheet.html');
  execFileSync(binary, ['eval', '--rules', 'rules/shenshan', '--sheet', 'html', '--out', sheet, caseFile],
               { stdio: ['ignore', 'ignore', 'ignore'] });

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto('file://' + sheet);
    const outside = requests.filter((u) => !u.startsWith('file://'));
    if (outside.length) fail('the sheet loaded outside resources: ' + outside.join(', '));
    if (await page.evaluate(() => window.__pwned !== undefined)) fail('case text ran as a script');
    if (await page.locator('img').count() !== 0) fail('case text became an element');
    const text = await page.locator('body').innerText();
    if (!text.includes(record.cause)) fail('the cause is not shown as text');
    if (!text.includes(record.party.name)) fail('the party is not shown as text');
    if ((await page.locator('h1').innerText()).trim() !== '行政处罚案卷评查表') fail('no title');
    if (await page.locator('table.section').count() !== result.sections.length) fail('not one table per section');
    const total = (await page.locator('table.result tr.total td').first().innerText()).trim();
    if (Number(total) !== result.score) fail(`total ${total} is not the case score ${result.score}`);
    if (!text.includes('一卷一表、联合署名')) fail('no joint signature block');

    await page.emulateMedia({ media: 'print' });
    const width = await page.locator('.sheet').evaluate((e) => e.getBoundingClientRect().width);
    const printable = (210 - 2 * 12) * 96 / 25.4;  // A4 minus the page margins, in CSS px
    if (width > printable + 1) fail(`the sheet is ${width}px wide, wider than A4's ${printable}px`);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    const box = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
    if (!box || Math.abs(Number(box[1]) - 595.92) > 2 || Math.abs(Number(box[2]) - 842.88) > 2)
      fail('the printed page is not A4: ' + (box ? box[0] : 'no MediaBox'));
    if (pages < 1) fail('nothing printed');
    console.log(`score sheet: ${result.sections.length} sections, total ${total}, ${pages} A4 page(s), no outside requests`);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => fail(e.stack || String(e)));
