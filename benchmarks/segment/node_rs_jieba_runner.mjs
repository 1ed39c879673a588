// Segmentation benchmark runner for jieba-rs through npm's @node-rs/jieba (2.0.3).
//
//   node node_rs_jieba_runner.mjs --modules DIR/node_modules \
//       --mode precise|precise-nohmm|full|search --input FILE [--tokens-out FILE]
//   node node_rs_jieba_runner.mjs --baseline     (node's own peak RSS, nothing loaded)
//
// The package is found through --modules DIR (a node_modules directory) or
// $ZHTEXT_NODE_MODULES; benchmarks/segment/run.sh installs it under benchmarks/.peers/.
// Prints one JSON line, the interface of every runner in benchmarks/segment/:
//   {"impl":"jieba-rs","mode":...,"bytes":N,"tokens":T,"load_s":x,"segment_s":y,
//    "segment_cpu_s":c,"peak_rss_kib":z}
// load_s     loading the package (native addon), reading its bundled dict.txt and
//            Jieba.withDict(dict). In 2.x `new Jieba()` has an EMPTY dictionary.
// segment_s  the loop over the input's lines only: each line (a JS string) cut into an
//            array of JS strings. File reading and line splitting are excluded.
// segment_cpu_s  the process's CPU time during that loop (process.cpuUsage(): V8's
//            helper threads, e.g. concurrent GC, are included).
// Mode mapping: precise = cut(s, true), precise-nohmm = cut(s, false), full =
// cutAll(s), search = cutForSearch(s, true). Note: the hmm argument defaults to
// false in 2.x (Python jieba defaults to HMM=True), so it is always passed.
// peak_rss_kib  process.resourceUsage().maxRSS after the loop (node's own ~40 MiB
//            included: --baseline measures it).
// --tokens-out: one line per input line, tokens joined by two spaces, empty tokens and
// tokens made only of Unicode White_Space dropped; written in a second, untimed pass.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const MODES = ['precise', 'precise-nohmm', 'full', 'search'];

function usage(msg) {
  process.stderr.write(`node_rs_jieba_runner: ${msg}\n` +
    'usage: node_rs_jieba_runner.mjs --mode precise|precise-nohmm|full|search ' +
    '--input FILE [--tokens-out FILE] [--modules DIR] | --baseline\n');
  process.exit(2);
}

const opts = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--baseline') { opts.baseline = true; continue; }
  if (!['--mode', '--input', '--tokens-out', '--modules'].includes(a)) usage(`unknown argument '${a}'`);
  if (i + 1 >= argv.length) usage(`${a} needs a value`);
  opts[a.slice(2)] = argv[++i];
}

if (opts.baseline) {
  console.log(JSON.stringify({ impl: 'node', node: process.version,
                               peak_rss_kib: process.resourceUsage().maxRSS }));
  process.exit(0);
}
if (!MODES.includes(opts.mode)) usage(`--mode must be one of ${MODES.join(', ')}`);
if (!opts.input) usage('--input is required');

const modules = opts.modules || process.env.ZHTEXT_NODE_MODULES;
if (!modules) usage('--modules DIR (or $ZHTEXT_NODE_MODULES) is required');
const require = createRequire(path.join(path.resolve(modules), 'noop.js'));

// The Buffer is dropped at once; the lines (V8 strings, which may be slices of the
// whole text) are what the process holds of the input.
const lines = fs.readFileSync(opts.input, 'utf8').split('\n');
const bytes = fs.statSync(opts.input).size;
if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();

let t0 = process.hrtime.bigint();
const { Jieba } = require('@node-rs/jieba');
const { dict } = require('@node-rs/jieba/dict');
const jieba = Jieba.withDict(dict);
const loadS = Number(process.hrtime.bigint() - t0) / 1e9;

let cut;
switch (opts.mode) {
  case 'precise': cut = (s) => jieba.cut(s, true); break;
  case 'precise-nohmm': cut = (s) => jieba.cut(s, false); break;
  case 'full': cut = (s) => jieba.cutAll(s); break;
  default: cut = (s) => jieba.cutForSearch(s, true); break;
}

let tokens = 0;
const c0 = process.cpuUsage();
t0 = process.hrtime.bigint();
for (const line of lines) tokens += cut(line).length;
const segmentS = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(c0);
const segmentCpuS = (cpu.user + cpu.system) / 1e6;
const peak = process.resourceUsage().maxRSS;

// Unicode White_Space, the set zhtext::is_space uses.
const BLANK = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/u;
if (opts['tokens-out']) {
  const fd = fs.openSync(opts['tokens-out'], 'w');
  let buf = [];
  for (const line of lines) {
    buf.push(cut(line).filter((w) => !BLANK.test(w)).join('  '));
    if (buf.length >= 4096) { fs.writeSync(fd, buf.join('\n') + '\n'); buf = []; }
  }
  if (buf.length > 0) fs.writeSync(fd, buf.join('\n') + '\n');
  fs.closeSync(fd);
}

console.log(JSON.stringify({ impl: 'jieba-rs', mode: opts.mode, bytes, tokens,
                             load_s: +loadS.toFixed(6), segment_s: +segmentS.toFixed(6),
                             segment_cpu_s: +segmentCpuS.toFixed(6), peak_rss_kib: peak }));
