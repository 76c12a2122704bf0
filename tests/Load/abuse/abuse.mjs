// The abuse run: what one attacker with the public web page's means can do to CitizenBot, and what the other citizens
// notice meanwhile. Run through tests/Load/run-abuse.sh, which starts the bot; or against a running bot:
//   node tests/Load/abuse/abuse.mjs --url http://127.0.0.1:5080/ --key <BotApi:Key> --pid <bot pid> --data <data dir>
//        [--redis-port <port>] [--warmup 40] [--baseline 30] [--attack 30] [--rounds 3] [--citizens 30] [--botnet true]
//        [--rate <citizens' turns a second, 0 = as fast as answered>] [--kinds posts,oversize,bombs,garbage,big,slow|noop]
//        [--attacker-nice 19]
// Each round times the citizens alone, then under attack; the report gives each round's ratio of the two p99s and their
// median, which a busy machine moves far less than one 30-second p99 of a few hundred turns (the 2nd–3rd slowest).
// The attacker uses only what a browser gets: tokens from /api/webchat/token (20 a minute per address) and the Direct
// Line endpoints. The citizens talk over /api/messages (expectReplies), each turn timed. The attacker runs in a process
// of its own, so that its work does not delay the citizens' timing inside the driver. With --botnet (the bot trusting
// 127.0.0.1 as its proxy) every attacker token comes from a different forwarded address, as from many machines: the
// per-address limits then do not help, and the per-conversation limits and the image checks must.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { deflateSync, crc32 } from 'node:zlib';
import net from 'node:net';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const base = new URL(args.url ?? 'http://127.0.0.1:5080/');
const key = args.key;
const pid = args.pid;
const dataDir = args.data;
const redisPort = args['redis-port'];
const warmupSeconds = Number(args.warmup ?? 40);
const baselineSeconds = Number(args.baseline ?? 30);
const attackSeconds = Number(args.attack ?? 30);
const rounds = Number(args.rounds ?? 3);
const citizenCount = Number(args.citizens ?? 30);
// Citizens' turns a second in all (paced, each citizen at its share), as citizens who read the answers talk; 0 = as
// fast as they are answered, which keeps the cores busy with the citizens alone, so that anything else, the attacker's
// own process included, shows in their p99.
const rate = Number(args.rate ?? 100);
// The attacker's process runs at this niceness: a real attacker's machine is not the bot's, and on the bot's 2 cores
// its own work (building 24 GB of upload bodies a minute) would otherwise be measured as the bot's. Its CPU is reported
// either way; 0 runs it at the citizens' priority.
const attackerNice = Number(args['attacker-nice'] ?? 19);
const botnet = args.botnet === 'true';
const role = args.role ?? 'driver';
// What the attacker does (comma-separated): posts (32 parallel maximum-size activities on one token), oversize (300 KB
// activities), bombs, garbage, big (uploads), slow (slow connections); noop floods a no-op endpoint (POST /healthz,
// 405) with the same 32 parallel 32 KB posts: what the flood alone costs, whatever the handlers do.
const kinds = new Set((args.kinds ?? 'posts,oversize,bombs,garbage,big,slow').split(','));

const round2 = x => Math.round(x * 100) / 100;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
};

function rssMb() {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(l => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

// CPU seconds the bot has used (user + system), from /proc: robust to a machine shared with other work, unlike latency.
function cpuSeconds() {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function diskBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    try {
      total += entry.isDirectory() ? diskBytes(path) : statSync(path).size;
    } catch { /* deleted meanwhile */ }
  }
  return total;
}

function redisUsedBytes() {
  if (!redisPort) return null;
  const info = execFileSync('redis-cli', ['-p', redisPort, 'info', 'memory'], { encoding: 'utf8' });
  return Number(/used_memory:(\d+)/.exec(info)[1]);
}

// ---- the other citizens: a short conversation over and over, each turn timed ----
async function citizen(n, stop, latencies, errors) {
  const turns = ['你好', '帮助', '法律咨询', '老板跑路了工资不给怎么办', '取消'];
  let round = 0;
  const interval = rate > 0 ? citizenCount * 1000 / rate : 0;
  let next = performance.now() + Math.random() * interval;
  while (!stop.done) {
    const conversation = `abuse-citizen-${process.pid}-${n}-${round++}`;
    for (const text of turns) {
      if (interval > 0) {
        await sleep(Math.max(0, next - performance.now()));
        next += interval;
      }
      if (stop.done) return;
      const started = performance.now();
      try {
        const response = await fetch(new URL('api/messages', base), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
          body: JSON.stringify({
            type: 'message', deliveryMode: 'expectReplies', channelId: 'api', text, locale: 'zh-CN',
            id: `${conversation}-${text}`, from: { id: conversation }, recipient: { id: 'citizenbot' },
            conversation: { id: conversation }, serviceUrl: 'http://localhost/',
          }),
        });
        await response.arrayBuffer();
        if (response.ok) latencies.push(performance.now() - started); else errors.count++;
      } catch { errors.count++; }
    }
  }
}

async function citizensFor(seconds) {
  const stop = { done: false };
  const latencies = [];
  const errors = { count: 0 };
  const running = Array.from({ length: citizenCount }, (_, n) => citizen(n, stop, latencies, errors));
  await sleep(seconds * 1000);
  stop.done = true;
  await Promise.all(running);
  return { turns: latencies.length, errors: errors.count, p50: percentile(latencies, 50), p99: percentile(latencies, 99), latencies };
}

const summary = ({ latencies, ...rest }) => ({ ...rest, p50: round2(rest.p50), p99: round2(rest.p99) });
const pooled = phases => {
  const latencies = phases.flatMap(p => p.latencies);
  return summary({ turns: latencies.length, errors: phases.reduce((n, p) => n + p.errors, 0), p50: percentile(latencies, 50), p99: percentile(latencies, 99), latencies });
};
const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// ---- the attacker ----
const counts = {};
const count = (what, status) => { const k = `${what} ${status}`; counts[k] = (counts[k] ?? 0) + 1; };

let nextAddress = 1;
const address = () => `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress++ & 255}`;

async function webChatToken() {
  const from = address();
  const response = await fetch(new URL('api/webchat/token', base), { method: 'POST', headers: botnet ? { 'X-Forwarded-For': from } : {} });
  count('token', response.status);
  return response.ok ? { ...(await response.json()), from } : null;
}

const headersOf = session => ({ Authorization: `Bearer ${session.token}`, ...(botnet ? { 'X-Forwarded-For': session.from } : {}) });

async function post(session, body, what) {
  try {
    const response = await fetch(new URL(`v3/directline/conversations/${session.conversationId}/activities`, base), {
      method: 'POST', headers: { 'Content-Type': 'application/json', ...headersOf(session) }, body,
    });
    await response.arrayBuffer();
    count(what, response.status);
  } catch (e) { count(what, 'error'); }
}

function pngBomb(side) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(typed) >>> 0);
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13); header.writeUInt32BE(side, 0); header.writeUInt32BE(side, 4); header[8] = 1; header[9] = 0;
  const rows = Buffer.alloc(side * (1 + side / 8));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

async function upload(session, files, what) {
  const form = new FormData();
  form.append('activity', new Blob([JSON.stringify({ type: 'message', attachments: files.map(() => ({ contentType: 'image/jpeg' })) })], { type: 'application/vnd.microsoft.activity' }), 'blob');
  for (const file of files) form.append('file', new Blob([file], { type: 'image/jpeg' }), 'photo.jpg');
  try {
    const response = await fetch(new URL(`v3/directline/conversations/${session.conversationId}/upload`, base), {
      method: 'POST', headers: headersOf(session), body: form,
    });
    await response.arrayBuffer();
    count(what, response.status);
  } catch { count(what, 'error'); }
}

// Slowloris: a POST that announces 256 KB and sends one byte every 2 s; the server must not hold memory for it.
function slowClient(stop, session) {
  return new Promise(resolve => {
    const socket = net.connect(Number(base.port), base.hostname, () => {
      socket.write(`POST /v3/directline/conversations/${session.conversationId}/activities HTTP/1.1\r\nHost: ${base.host}\r\nContent-Type: application/json\r\nContent-Length: 32000\r\nAuthorization: Bearer ${session.token}\r\n\r\n`);
      const timer = setInterval(() => {
        if (stop.done || socket.destroyed) { clearInterval(timer); socket.destroy(); resolve(); return; }
        socket.write('{');
      }, 2000);
    });
    socket.on('error', () => resolve());
    socket.on('close', () => { count('slow client', 'closed by server'); resolve(); });
  });
}

async function attackFor(seconds) {
  const stop = { done: false };
  const sessions = [];
  for (let i = 0; i < (botnet ? 40 : 25); i++) {
    const session = await webChatToken();
    if (session) sessions.push(session);
  }
  // The token limit (20 a minute per address) refuses all of a round that starts within a minute of the last one.
  if (sessions.length === 0) {
    await sleep(seconds * 1000);
    return { tokens: 0 };
  }
  const one = sessions[0];
  const maxText = '长'.repeat(8192);
  // The largest activity the defaults take (DirectLine:MaxActivityBytes 32 KB): the longest text and padding.
  const maxActivity = JSON.stringify({ type: 'message', text: maxText, channelData: { pad: 'x'.repeat(32 * 1024 - 8192 * 3 - 200) } });
  const overSize = JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) });
  const bomb = pngBomb(8192);
  const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2 * 1024 * 1024, 0x41)]);
  const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(10 * 1024 * 1024 - 4, 0x42)]);
  // Each pass yields to the timers: a request that fails without I/O (no token left) would otherwise spin on promise
  // callbacks and never let the end of the attack's timer run.
  const loop = async body => { while (!stop.done) { await body(); await new Promise(setImmediate); } };
  const noop = async () => {
    try {
      const response = await fetch(new URL('healthz', base), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: maxActivity });
      await response.arrayBuffer();
      count('no-op post', response.status);
    } catch { count('no-op post', 'error'); }
  };
  const when = (kind, start) => (kinds.has(kind) ? start() : []);
  const work = [
    // One token, maximum-size activities, 32 in parallel.
    ...when('posts', () => Array.from({ length: 32 }, (_, i) => loop(() => post(one, i % 2 ? maxActivity : JSON.stringify({ type: 'message', text: maxText }), 'max-size activity')))),
    ...when('oversize', () => Array.from({ length: 4 }, () => loop(() => post(one, overSize, 'oversize activity')))),
    // Bombs and garbage over every token the attacker got, 9 files an upload.
    ...when('bombs', () => sessions.slice(1, 9).map(s => loop(() => upload(s, Array(9).fill(bomb), 'upload of 9 PNG bombs')))),
    ...when('garbage', () => sessions.slice(9, 14).map(s => loop(() => upload(s, Array(9).fill(garbage), 'upload of 9 garbage files')))),
    ...when('big', () => sessions.slice(14, 17).map(s => loop(() => upload(s, Array(9).fill(big), 'upload of 9 x 10 MB')))),
    ...when('slow', () => Array.from({ length: 100 }, (_, i) => slowClient(stop, sessions[17 + (i % Math.max(1, sessions.length - 17))] ?? one))),
    ...when('noop', () => Array.from({ length: 32 }, () => loop(noop))),
  ];
  await sleep(seconds * 1000);
  stop.done = true;
  await Promise.allSettled(work);
  return { tokens: sessions.length };
}

// ---- the run ----
if (role === 'attacker') {
  const attack = await attackFor(attackSeconds);
  const used = process.cpuUsage();
  console.log(JSON.stringify({ ...attack, cpuSeconds: Math.round((used.user + used.system) / 1e4) / 100, responses: counts }));
  process.exit(0);
}

const { spawn } = await import('node:child_process');
function attackerProcess() {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, new URL(import.meta.url).pathname, ...process.argv.slice(2), '--role', 'attacker'];
    const child = attackerNice > 0
      ? spawn('nice', ['-n', String(attackerNice), ...command], { stdio: ['ignore', 'pipe', 'inherit'] })
      : spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', chunk => { output += chunk; });
    child.on('exit', code => code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`attacker exited ${code}`)));
  });
}

const sample = { rss: 0, redis: 0 };
const sampler = setInterval(() => {
  sample.rss = Math.max(sample.rss, rssMb());
  const used = redisUsedBytes();
  if (used !== null) sample.redis = Math.max(sample.redis, used);
}, 250);

// Unmeasured: a fresh .NET process is still compiling and tiering its code for a while.
await citizensFor(warmupSeconds);
const before = { rss: rssMb(), disk: diskBytes(dataDir), redis: redisUsedBytes(), cpu: cpuSeconds() };
const driverCpu = () => { const used = process.cpuUsage(); return (used.user + used.system) / 1e6; };
const measured = [];
let attackDisk = 0;
let attackRedis = 0;
let baselineRssPeak = 0;
let attackRssPeak = 0;
for (let round = 1; round <= rounds; round++) {
  sample.rss = 0;
  const start = { cpu: cpuSeconds(), driver: driverCpu(), at: new Date().toISOString() };
  const alone = await citizensFor(baselineSeconds);
  baselineRssPeak = Math.max(baselineRssPeak, sample.rss);
  const mid = { disk: diskBytes(dataDir), redis: redisUsedBytes(), cpu: cpuSeconds(), driver: driverCpu(), at: new Date().toISOString() };
  sample.rss = 0;
  const [attack, underAttack] = await Promise.all([attackerProcess(), citizensFor(attackSeconds)]);
  const end = { disk: diskBytes(dataDir), redis: redisUsedBytes(), cpu: cpuSeconds(), driver: driverCpu(), at: new Date().toISOString() };
  attackRssPeak = Math.max(attackRssPeak, sample.rss);
  attackDisk += end.disk - mid.disk;
  attackRedis += (end.redis ?? 0) - (mid.redis ?? 0);
  measured.push({
    round,
    // When each phase began and ended (UTC), to line the round up with a trace or counters taken from outside.
    times: { alone: start.at, underAttack: mid.at, ended: end.at },
    alone,
    underAttack,
    p99Ratio: round2(underAttack.p99 / alone.p99),
    p50Ratio: round2(underAttack.p50 / alone.p50),
    // Cores busy, per phase: the bot, the citizens' driver (this process), the attacker's process (its own count).
    botCores: { alone: round2((mid.cpu - start.cpu) / baselineSeconds), underAttack: round2((end.cpu - mid.cpu) / attackSeconds) },
    botMsPerCitizenTurn: { alone: round2((mid.cpu - start.cpu) * 1000 / alone.turns), underAttack: round2((end.cpu - mid.cpu) * 1000 / underAttack.turns) },
    driverCores: { alone: round2((mid.driver - start.driver) / baselineSeconds), underAttack: round2((end.driver - mid.driver) / attackSeconds) },
    attackerCores: round2(attack.cpuSeconds / attackSeconds),
    attacker: attack,
    loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number),
  });
}
await sleep(2000);
const after = { rss: rssMb(), disk: diskBytes(dataDir), redis: redisUsedBytes() };
clearInterval(sampler);

const ratios = measured.map(r => r.p99Ratio);
const report = {
  citizens: citizenCount,
  rate,
  rounds,
  attackerNice,
  kinds: [...kinds],
  botnet,
  // The answer to "do the other citizens keep their p99": the median over the rounds of p99 under attack / p99 alone.
  p99Ratio: { median: round2(median(ratios)), perRound: ratios, p50Median: round2(median(measured.map(r => r.p50Ratio))) },
  // All rounds' turns together, per phase.
  baseline: { seconds: baselineSeconds * rounds, ...pooled(measured.map(r => r.alone)), peakRssMb: Math.round(baselineRssPeak) },
  underAttack: { seconds: attackSeconds * rounds, ...pooled(measured.map(r => r.underAttack)) },
  rssMb: { before: Math.round(before.rss), peakUnderAttack: Math.round(attackRssPeak), after: Math.round(after.rss) },
  // Growth during the attack windows (the citizens talk then too: their state and tickets are in it), and in all.
  diskBytes: { before: before.disk, after: after.disk, growthUnderAttack: attackDisk },
  redisUsedBytes: redisPort ? { before: before.redis, peak: sample.redis, after: after.redis, growthUnderAttack: attackRedis } : null,
  perRound: measured.map(({ alone, underAttack, ...rest }) => ({ ...rest, alone: summary(alone), underAttack: summary(underAttack) })),
};
console.log(JSON.stringify(report, null, 2));
