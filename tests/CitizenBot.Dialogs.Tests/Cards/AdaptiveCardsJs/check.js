// Parses each card with Microsoft's Adaptive Cards renderer (adaptivecards, unmodified) as Web Chat does, and reports
// what the renderer found wrong: parse and validation events, and any property of ours it did not take (an unknown
// name or a value it does not accept is dropped when the card is written back).
// stdin: [{ "name": "...", "card": { ... } }, ...]   stdout: one line per problem, "name: problem"; exit 1 if any.
'use strict';
const AC = require('adaptivecards/dist/adaptivecards.js');

// Written by us as the renderer's own default, so it is not written back: not a loss.
const DEFAULTS = { width: 'stretch', wrap: false };

function lost(input, output, path, problems) {
  if (Array.isArray(input)) {
    input.forEach((item, i) => lost(item, (output || [])[i], path + '[' + i + ']', problems));
    return;
  }
  if (input === null || typeof input !== 'object') {
    if (output === undefined) { problems.push('dropped ' + path + ' = ' + JSON.stringify(input)); }
    return;
  }
  for (const key of Object.keys(input)) {
    if (key === '$schema') { continue; }
    const value = input[key];
    const written = output ? output[key] : undefined;
    if (written === undefined && DEFAULTS[key] === value) { continue; }
    if (written === undefined) { problems.push('dropped ' + path + '.' + key + ' = ' + JSON.stringify(value)); continue; }
    lost(value, written, path + '.' + key, problems);
  }
}

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const cards = JSON.parse(input);
  let failed = 0;
  for (const { name, card } of cards) {
    const problems = [];
    if (card.version !== '1.5') { problems.push('version is ' + card.version + ', not 1.5'); }
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    const parsed = new AC.AdaptiveCard();
    parsed.parse(card, context);
    for (let i = 0; i < context.eventCount; i++) {
      const e = context.getEventAt(i);
      problems.push('parse: ' + e.message);
    }
    const results = parsed.validateProperties();
    for (const e of results.validationEvents) { problems.push('validate: ' + e.message); }
    lost(card, parsed.toJSON(new AC.SerializationContext(AC.Versions.v1_5)), 'card', problems);
    for (const p of problems) { console.log(name + ': ' + p); }
    if (problems.length > 0) { failed++; }
  }
  console.log('checked ' + cards.length + ' cards, ' + failed + ' with problems');
  process.exit(failed > 0 ? 1 : 0);
});
