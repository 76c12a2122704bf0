// Drives our Direct Line server with Microsoft's unmodified DirectLineJS 0.15.5, as Web Chat would.
// Usage: node client.js <domain> <token> <websocket|polling> <text> [expect-greeting]
// Prints one JSON line: what the client saw. Exit code 0 when the echo and the bot's reply (and, with expect-greeting,
// a greeting that answers no message) arrived.
'use strict';

global.XMLHttpRequest = require('xhr2');
global.WebSocket = require('ws');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

const [domain, token, mode, text, greeting] = process.argv.slice(2);
const expectGreeting = greeting === 'expect-greeting';
const clientActivityID = `node-${Date.now()}-${Math.random().toString(36).slice(2)}`;
const statuses = [];
const seen = [];
let postedId;
let posted = false;

const directLine = new DirectLine({ domain, token, webSocket: mode === 'websocket', pollingInterval: 200 });

function finish(ok, error) {
  const echo = seen.find(a => a.channelData && a.channelData.clientActivityID === clientActivityID);
  const reply = seen.find(a => a.from && a.from.role === 'bot' && a.type === 'message' && postedId && a.replyToId === postedId);
  const greeting = seen.find(a => a.from && a.from.role === 'bot' && a.type === 'message' && !a.replyToId);
  process.stdout.write(JSON.stringify({
    ok,
    error,
    mode,
    statuses,
    postedId,
    echo: echo && { id: echo.id, fromId: echo.from.id, role: echo.from.role, text: echo.text, timestamp: echo.timestamp },
    reply: reply && { id: reply.id, text: reply.text, role: reply.from.role, replyToId: reply.replyToId, timestamp: reply.timestamp },
    greeting: greeting && greeting.text,
    activityCount: seen.length,
    seen: seen.map(a => ({ id: a.id, type: a.type, role: a.from && a.from.role, replyToId: a.replyToId, text: (a.text || '').slice(0, 20) })),
  }) + '\n');
  directLine.end();
  process.exit(ok ? 0 : 1);
}

// Waits for the greeting too: DirectLineJS merges the activities of consecutive WebSocket frames (flatMap over an
// asynchronously scheduled Observable.from), so the reply can surface before a greeting sent earlier in a bigger frame.
function check() {
  const echoed = postedId && seen.some(a => a.id === postedId && a.channelData && a.channelData.clientActivityID === clientActivityID);
  const replied = postedId && seen.some(a => a.from && a.from.role === 'bot' && a.replyToId === postedId && a.type === 'message');
  const greeted = !expectGreeting || seen.some(a => a.from && a.from.role === 'bot' && a.type === 'message' && !a.replyToId);
  if (echoed && replied && greeted) {
    finish(true);
  }
}

setTimeout(() => finish(false, 'timed out'), 30000).unref();

directLine.connectionStatus$.subscribe(status => {
  statuses.push(status);
  if (status === ConnectionStatus.FailedToConnect || status === ConnectionStatus.ExpiredToken) {
    finish(false, `connection status ${status}`);
  }

  if (status === ConnectionStatus.Online && !posted) {
    posted = true;
    directLine
      .postActivity({ type: 'message', from: { id: 'r_node', name: '节点' }, text, textFormat: 'plain', locale: 'zh-CN', channelData: { clientActivityID } })
      .subscribe(
        id => { postedId = id; check(); },
        error => finish(false, `postActivity failed: ${error && error.status}`));
  }
});

directLine.activity$.subscribe(activity => {
  seen.push(activity);
  check();
});
