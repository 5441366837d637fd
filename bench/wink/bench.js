// Reads every .txt and .md file under the arguments with wink-nlp and the
// wink-eng-lite-web-model: readDoc (its full default pipeline), sentences,
// tokens and one custom entity pattern, one document after another. It is
// the outside yardstick for scripts/bench.sh; it prints documents, bytes,
// sentences, tokens, entities and MB/s to stderr.
//
//   NODE_PATH=bench/work/node/node_modules node bench/wink/bench.js DIR...
'use strict';
const fs = require('fs');
const path = require('path');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');

function files(arg, out) {
  const st = fs.statSync(arg);
  if (!st.isDirectory()) {
    out.push(arg);
    return out;
  }
  for (const name of fs.readdirSync(arg).sort()) {
    const p = path.join(arg, name);
    const s = fs.lstatSync(p);
    if (s.isDirectory()) files(p, out);
    else if (s.isFile() && /\.(txt|md)$/i.test(name)) out.push(p);
  }
  return out;
}

const start = process.hrtime.bigint();
const nlp = winkNLP(model);
// One custom entity, as a rule set would add: a resolution and its number.
nlp.learnCustomEntities([{ name: 'resolution', patterns: ['[resolution|resolutions] [CARDINAL]'] }]);
let docs = 0, bytes = 0, sentences = 0, tokens = 0, entities = 0;
for (const arg of process.argv.slice(2)) {
  for (const f of files(arg, [])) {
    const text = fs.readFileSync(f, 'utf8');
    const doc = nlp.readDoc(text);
    sentences += doc.sentences().length();
    tokens += doc.tokens().length();
    entities += doc.customEntities().length();
    docs++;
    bytes += Buffer.byteLength(text);
  }
}
const secs = Number(process.hrtime.bigint() - start) / 1e9;
process.stderr.write(`wink: ${docs} documents, ${bytes} bytes, ${sentences} sentences, ${tokens} tokens, ${entities} entities in ${secs.toFixed(2)}s: ${(bytes / 1e6 / secs).toFixed(2)} MB/s\n`);
