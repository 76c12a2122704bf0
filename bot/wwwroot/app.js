// The citizen's web page: Microsoft's Web Chat against our own Direct Line 3.0 server on the same origin.
// The page never sees the Direct Line secret: it gets a token bound to one user and one conversation from
// /api/webchat/token, and keeps it in sessionStorage so a reload continues the same conversation.
(function () {
  'use strict';

  var SESSION_KEY = 'citizenbot.session';
  var domain = window.location.origin + '/v3/directline';
  var statusEl = document.getElementById('status');
  var locationButton = document.getElementById('share-location');

  function showStatus(text) { statusEl.textContent = text || ''; }

  function loadSession() {
    try { return JSON.parse(window.sessionStorage.getItem(SESSION_KEY) || 'null'); } catch (e) { return null; }
  }

  function saveSession(session) {
    try { window.sessionStorage.setItem(SESSION_KEY, JSON.stringify(session)); } catch (e) { /* private mode */ }
  }

  async function post(url, token) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) { headers.Authorization = 'Bearer ' + token; }
    var response = await fetch(url, { method: 'POST', headers: headers, body: '{}' });
    if (!response.ok) { throw new Error('HTTP ' + response.status); }
    return response.json();
  }

  // A stored session is resumed when its token can still be refreshed; otherwise a new conversation starts.
  async function getSession() {
    var saved = loadSession();
    if (saved && saved.token && saved.conversationId && saved.userId) {
      try {
        var refreshed = await post(domain + '/tokens/refresh', saved.token);
        return { token: refreshed.token, conversationId: saved.conversationId, userId: saved.userId };
      } catch (e) { /* expired or unknown: start afresh */ }
    }
    var fresh = await post('/api/webchat/token');
    return { token: fresh.token, conversationId: fresh.conversationId, userId: fresh.userId };
  }

  function newClientActivityId() {
    return 'loc-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10);
  }

  // The conversation the page is showing; replaced when the citizen's data is erased.
  var current = null;
  var ERASED_EVENT = 'citizenbot/conversationErased';

  function enableLocation() {
    if (!('geolocation' in navigator)) {
      locationButton.title = '此浏览器不支持定位，请直接输入地址';
      return;
    }
    locationButton.disabled = false;
    locationButton.addEventListener('click', function () {
      if (!current) { return; }
      var directLine = current.directLine;
      var session = current.session;
      locationButton.disabled = true;
      showStatus('正在获取您的位置…');
      navigator.geolocation.getCurrentPosition(function (position) {
        showStatus('');
        locationButton.disabled = false;
        directLine.postActivity({
          type: 'message',
          from: { id: session.userId, role: 'user' },
          text: '我的位置',
          textFormat: 'plain',
          locale: 'zh-CN',
          entities: [{
            type: 'GeoCoordinates',
            latitude: position.coords.latitude,
            longitude: position.coords.longitude,
            name: '我的位置',
            crs: 'WGS-84'
          }],
          channelData: { clientActivityID: newClientActivityId() }
        }).subscribe(function () {}, function () { showStatus('位置发送失败，请稍后重试，或直接输入地址。'); });
      }, function (error) {
        locationButton.disabled = false;
        showStatus(error && error.code === 1
          ? '您没有允许定位。可以在浏览器设置中允许，或直接输入详细地址。'
          : '暂时无法获取位置，请直接输入详细地址。');
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

  async function start(afterErasure) {
    var session;
    try {
      session = await getSession();
    } catch (e) {
      showStatus('暂时无法连接在线服务，请稍后刷新重试。紧急情况请拨打 110、119、120。');
      return;
    }

    var notice = afterErasure ? '您的信息已删除，已为您开始新的对话。' : '';
    var directLine = window.WebChat.createDirectLine({
      domain: domain,
      token: session.token,
      conversationId: session.conversationId || undefined,
      webSocket: true
    });

    directLine.connectionStatus$.subscribe(function (status) {
      // 2 = Online: DirectLineJS now knows the conversation id and its current token.
      if (status === 2) {
        session.conversationId = directLine.conversationId || session.conversationId;
        session.token = directLine.token || session.token;
        saveSession(session);
        showStatus(notice);
        notice = '';
      } else if (status === 3) {
        showStatus('会话已过期，请刷新页面重新开始。');
        window.sessionStorage.removeItem(SESSION_KEY);
      } else if (status === 4) {
        showStatus('连接失败，请检查网络后刷新页面。');
      }
    });

    // After 删除我的信息 → 是 the server erased this conversation and revoked its token: forget it and start anew,
    // so nothing of it is shown again, not even on reload.
    directLine.activity$.subscribe(function (activity) {
      if (activity && activity.type === 'event' && activity.name === ERASED_EVENT) {
        window.sessionStorage.removeItem(SESSION_KEY);
        current = null;
        setTimeout(function () {
          directLine.end();
          start(true);
        }, 2000);
      }
    });

    if (afterErasure) {
      // A new element, so Web Chat starts with an empty transcript instead of keeping the erased one on screen.
      var previous = document.getElementById('webchat');
      var fresh = previous.cloneNode(false);
      previous.parentNode.replaceChild(fresh, previous);
    }

    window.WebChat.renderWebChat({
      directLine: directLine,
      store: window.WebChat.createStore({}, showCardsNotTheirText),
      userID: session.userId,
      username: '市民',
      locale: 'zh-CN',
      styleOptions: {
        botAvatarInitials: '综治',
        userAvatarInitials: '我',
        uploadAccept: 'image/jpeg,image/png,image/webp,image/heic,image/heif',
        uploadMultiple: true,
        suggestedActionLayout: 'flow',
        hideUploadButton: false
      }
    }, document.getElementById('webchat'));

    current = { directLine: directLine, session: session };
    document.querySelector('#webchat').focus();
  }

  // A card's message also carries the card's content as text, for clients without cards (WeChat, old clients):
  // this page shows the card, so the text is kept for screen readers only (speak) and not shown twice.
  var CARD = 'application/vnd.microsoft.card.adaptive';
  function showCardsNotTheirText() {
    return function (next) {
      return function (action) {
        var activity = action && action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity;
        if (activity && activity.text && (activity.attachments || []).some(function (a) { return a.contentType === CARD; })) {
          var shown = Object.assign({}, activity, { speak: activity.speak || activity.text });
          delete shown.text;
          action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: shown }) });
        }
        return next(action);
      };
    };
  }

  enableLocation();
  start(false);
}());
