// Validates SARIF files against the official SARIF 2.1.0 JSON schema.
// Usage: node validate_sarif.js FILE... ; exits 1 on the first invalid file.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const schemaPath = path.join(__dirname, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
// The official schema's language-tag pattern is not a valid Unicode-mode regular expression.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let failed = false;
for (const file of process.argv.slice(2)) {
  const log = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(log)) {
    const results = log.runs.reduce((n, run) => n + run.results.length, 0);
    console.log(`${file}: valid SARIF ${log.version}, ${results} results`);
  } else {
    failed = true;
    console.error(`${file}: INVALID SARIF`);
    for (const e of validate.errors) console.error(`  ${e.instancePath} ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
