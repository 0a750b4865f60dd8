// The local web view in a real browser (Debian's headless Chromium, driven by playwright-core):
// builds a store from samples/shenshan in a temporary directory (import → run), starts
// `pingcha serve`, filters the case list, opens a case, submits an adjudication and sees the
// new adjudicated score. Expected numbers come from `pingcha eval --format json`.
// Usage: node serve.test.js PINGCHA_BINARY
'use strict';
const { chromium } = require('playwright-core');
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const assert = require('assert/strict');

const bin = path.resolve(process.argv[2] || '');
const root = path.resolve(__dirname, '../..');
const rules = path.join(root, 'rules/shenshan');
const sampleDir = path.join(root, 'samples/shenshan');
const samples = fs.readdirSync(sampleDir).filter((f) => f.endsWith('.json')).map((f) => path.join(sampleDir, f));
const caseId = '深汕住建罚〔2024〕24号'; // proc-deadline-90-fires.json

function pingcha(args) {
  return execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
}

function startServer(db) {
  const child = spawn(bin, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('serve did not start')), 30000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve({ child, url: out.split('\n')[0] });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

// Score after dismissing finding `index`: each section's max minus its capped deductions.
function scoreWithout(result, index) {
  if (result.findings.some((f, i) => i !== index && f.severity === 'veto')) return 0;
  let total = 0;
  for (const s of result.sections) {
    const d = result.findings
      .filter((f, i) => i !== index && f.section === s.id && f.severity === 'deduct')
      .reduce((sum, f) => sum + f.points, 0);
    total += s.max - Math.min(s.max, d);
  }
  return total;
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-browser-'));
  const db = path.join(tmp, 'review.db');
  let server;
  let browser;
  try {
    const evals = pingcha(['eval', '--rules', rules, '--format', 'json', ...samples])
      .trim().split('\n').map((line) => JSON.parse(line));
    const records = new Map(samples.map((f) => {
      const r = JSON.parse(fs.readFileSync(f, 'utf8'));
      return [r.id, r];
    }));
    pingcha(['import', '--db', db, ...samples]);
    assert.equal(pingcha(['run', '--db', db, '--rules', rules, '--jobs', '1']).trim(), '1');
    server = await startServer(db);
    const base = server.url;
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/$/);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'], headless: true });
    const page = await browser.newPage();
    const foreign = [];
    page.on('request', (req) => { if (!req.url().startsWith(base)) foreign.push(req.url()); });

    await page.goto(base);
    await page.getByRole('link', { name: '运行 1' }).click();
    await page.waitForSelector('#cases');
    assert.equal(await page.locator('#cases tbody tr').count(), evals.length);

    // Filter by agency, then by rule: the rows are exactly the cases the samples say.
    await page.selectOption('select[name=agency]', 'SS-ZJ');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/agency=SS-ZJ/);
    const zj = evals.filter((e) => records.get(e.case).agency.code === 'SS-ZJ').map((e) => e.case).sort();
    const shownZj = await page.locator('#cases tbody tr td:first-child').allTextContents();
    assert.deepEqual(shownZj.slice().sort(), zj);

    await page.selectOption('select[name=agency]', '');
    await page.selectOption('select[name=rule]', 'PROC-DEADLINE-90');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/rule=PROC-DEADLINE-90/);
    const hit = evals.filter((e) => e.findings.some((f) => f.rule === 'PROC-DEADLINE-90')).map((e) => e.case).sort();
    const shownHit = await page.locator('#cases tbody tr td:first-child').allTextContents();
    assert.deepEqual(shownHit.slice().sort(), hit);
    assert.ok(hit.includes(caseId));

    // Open the case and dismiss its finding.
    const result = evals.find((e) => e.case === caseId);
    const index = result.findings.findIndex((f) => f.rule === 'PROC-DEADLINE-90');
    const expected = scoreWithout(result, index);
    assert.notEqual(expected, result.score);
    await page.getByRole('link', { name: caseId }).click();
    await page.waitForSelector('#engine-score');
    assert.ok((await page.textContent('#engine-score')).includes(`${result.score} 分`));
    assert.ok((await page.textContent('#adjudicated-score')).includes(`${result.score} 分`));
    const finding = page.locator('section.finding').filter({ hasText: 'PROC-DEADLINE-90' });
    await finding.locator('input[value=dismiss]').check();
    await finding.locator('textarea[name=reason]').fill('送达回证显示实际办案期限未超期');
    await finding.locator('input[name=reviewer]').fill('法治督察科');
    await finding.getByRole('button', { name: '提交裁定' }).click();
    await page.waitForURL(/done=\d+/);
    const after = await page.textContent('#adjudicated-score');
    assert.ok(after.includes(`${expected} 分`), `adjudicated score shown: ${after}, expected ${expected}`);
    assert.ok((await page.textContent('#engine-score')).includes(`${result.score} 分`));
    assert.ok((await page.textContent('#notice')).includes('已记录'));
    assert.ok((await finding.textContent()).includes('送达回证显示实际办案期限未超期'));

    // The list shows the adjudicated score too; the store holds exactly one decision.
    await page.goto(`${base}cases?run=1&rule=PROC-DEADLINE-90`);
    const row = page.locator('#cases tbody tr').filter({ hasText: caseId });
    assert.equal((await row.locator('td').nth(4).textContent()).trim(), String(expected));
    const history = JSON.parse(pingcha(['history', '--db', db, '--case', caseId, '--format', 'json']));
    assert.equal(history.runs[0].adjudications.length, 1);
    assert.equal(history.runs[0].adjudicated.score, expected);
    assert.deepEqual(foreign, [], 'the pages load nothing from elsewhere');
    console.log(`browser: case list filtered, adjudication recorded, score ${result.score} → ${expected}`);
  } finally {
    if (browser) await browser.close();
    if (server) server.child.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
