// The staff console (研判). Reads /ops/insight/* with the page's own credentials; draws the grid map with Leaflet (no
// map tiles: only the configured grid polygons) and the charts with Apache ECharts. Text from the server is always set
// as text, never as HTML.
(function () {
  'use strict';
  const MAP_LIMIT = 3000;
  const PALETTE = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
  const api = (name, params) => fetch('/ops/insight/' + name + (params ? '?' + params : ''), { credentials: 'same-origin' })
    .then(r => r.ok ? r.json() : r.json().then(p => Promise.reject(new Error(p.detail || p.title || r.status)), () => Promise.reject(new Error(r.status))));
  const $ = id => document.getElementById(id);
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  // Days are China days, as the server counts them, whatever the browser's own time zone.
  const chinaToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const addDays = (day, n) => new Date(Date.parse(day + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  const local = s => s ? s.slice(5, 16).replace('T', ' ') : '';

  let categories = [];
  const colourOf = code => PALETTE[Math.max(0, categories.findIndex(c => c.key === code)) % PALETTE.length];
  const charts = {};
  const chart = id => charts[id] || (charts[id] = echarts.init($(id)));

  // Map: grid polygons from the configured GeoJSON, a layer of ticket dots on top.
  const map = L.map('map', { zoomSnap: 0.25, attributionControl: false });
  let gridLayer = null;
  const ticketLayer = L.layerGroup().addTo(map);
  const hotspotLayer = L.layerGroup().addTo(map);
  $('map-limit').textContent = MAP_LIMIT;

  function filterParams() {
    const p = new URLSearchParams();
    for (const [key, id] of [['from', 'f-from'], ['to', 'f-to'], ['category', 'f-category'], ['status', 'f-status'], ['channel', 'f-channel'], ['role', 'f-role']]) {
      if ($(id).value) p.set(key, $(id).value);
    }
    return p;
  }

  function heatColour(count, max) {
    if (!count) return '#f7fbff';
    const t = Math.min(1, count / Math.max(1, max));
    const stops = [[255, 237, 160], [254, 178, 76], [240, 59, 32], [189, 0, 38]];
    const x = t * (stops.length - 1), i = Math.min(stops.length - 2, Math.floor(x)), f = x - i;
    const c = stops[i].map((v, k) => Math.round(v + (stops[i + 1][k] - v) * f));
    return 'rgb(' + c.join(',') + ')';
  }

  function drawGrids(heat) {
    const counts = Object.fromEntries(heat.byGrid.map(g => [g.key, g.count]));
    const max = Math.max(0, ...heat.byGrid.filter(g => g.key).map(g => g.count));
    gridLayer.eachLayer(layer => {
      const id = layer.feature.properties.gridId;
      const count = counts[id] || 0;
      layer.setStyle({ fillColor: heatColour(count, max), fillOpacity: 0.55, color: '#4a6785', weight: 1 });
      layer.bindTooltip(layer.feature.properties.gridName + '：' + count + ' 件');
    });
  }

  function drawTickets(page) {
    ticketLayer.clearLayers();
    for (const t of page.tickets) {
      if (t.lat == null || t.lng == null) continue;
      L.circleMarker([t.lat, t.lng], { radius: 3, weight: 0, fillOpacity: 0.8, fillColor: colourOf(t.categoryCode), className: 'ticket-dot' })
        .bindTooltip(t.number + ' ' + t.categoryName)
        .addTo(ticketLayer);
    }
    const legend = $('legend');
    legend.replaceChildren(...categories.map(c => { const s = el('span', c.name); const i = el('i'); i.style.background = colourOf(c.key); s.prepend(i); return s; }));
  }

  function drawHotspots(hotspots) {
    $('hotspot-count').textContent = hotspots.length;
    hotspotLayer.clearLayers();
    const list = $('hotspots');
    list.replaceChildren(...hotspots.map(h => {
      const li = el('li');
      li.append(el('strong', h.categoryName), el('span', ' · ' + (h.gridName || '未定位') + ' · ' + h.ticketCount + ' 件 · ' + local(h.formedAt) + ' 形成'));
      li.append(el('div', h.tickets.map(t => t.number).join('、'), 'tickets'));
      li.addEventListener('click', () => map.flyTo([h.lat, h.lng], 16));
      L.circle([h.lat, h.lng], { radius: 200, color: '#c0392b', weight: 2, fill: false, className: 'hotspot-ring' }).addTo(hotspotLayer);
      return li;
    }));
  }

  function drawOverdue(rows) {
    $('overdue-count').textContent = rows.filter(r => r.overdue).length;
    $('atrisk-count').textContent = rows.filter(r => !r.overdue).length;
    $('overdue').tBodies[0].replaceChildren(...rows.map(r => {
      const tr = el('tr');
      tr.append(el('td', r.ticket.number), el('td', r.ticket.categoryName), el('td', r.ticket.gridName || '未定位'), el('td', local(r.ticket.dueAt)),
        el('td', r.overdue ? '超期 ' + r.hoursLate + ' 小时' : '临期', r.overdue ? 'late' : 'soon'));
      return tr;
    }));
  }

  function drawTrends(trends) {
    $('median-hours').textContent = trends.timeToResolve.medianHours;
    const used = trends.categories.map(c => c.key);
    chart('chart-daily').setOption({
      tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 }, grid: { top: 36, left: 40, right: 16, bottom: 30 },
      xAxis: { type: 'category', data: trends.days }, yAxis: { type: 'value' },
      series: used.map(code => {
        const byDay = Object.fromEntries(trends.perDay.filter(d => d.categoryCode === code).map(d => [d.day, d.count]));
        return { name: (categories.find(c => c.key === code) || { name: code }).name, type: 'line', stack: 'all', areaStyle: {}, symbol: 'none',
          color: colourOf(code), data: trends.days.map(d => byDay[d] || 0) };
      }),
    }, true);
    const bar = (id, rows, value, unit) => chart(id).setOption({
      tooltip: {}, grid: { left: 110, right: 30, top: 10, bottom: 24 },
      xAxis: { type: 'value', name: unit }, yAxis: { type: 'category', data: rows.map(r => r.name) },
      series: [{ type: 'bar', data: rows.map(value), label: { show: true, position: 'right' } }],
    }, true);
    bar('chart-duration', trends.timeToResolveByCategory, r => r.medianHours, '小时');
    bar('chart-sat-category', trends.satisfactionByCategory, r => r.rate, '%');
    bar('chart-sat-grid', trends.satisfactionByGrid, r => r.rate, '%');
    const w = trends.gridWorkers;
    $('workers').textContent = '上报 ' + w.reports + ' 件，其中高价值 ' + w.highValue + ' 件；期间积分 ' + w.points + ' 分';
    $('worker-points').tBodies[0].replaceChildren(...w.topWorkers.map(p => {
      const tr = el('tr');
      tr.append(el('td', '网格员 #' + p.workerNo), el('td', p.platform), el('td', String(p.points)));
      return tr;
    }));
  }

  function drawMediation(m) {
    $('bookings').textContent = m.bookings;
    const i = m.invitations;
    $('invitations').textContent = '邀请：接受 ' + i.accepted + '，拒绝 ' + i.declined + '，过期 ' + i.expired + '，待答复 ' + i.pending + '，已取消 ' + i.cancelled;
    const weeks = [...new Set(m.perBodyAndWeek.map(w => w.week))].sort();
    const bodies = [...new Set(m.perBodyAndWeek.map(w => w.bodyName))];
    chart('chart-mediation').setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { top: 36, left: 40, right: 16, bottom: 30 },
      xAxis: { type: 'category', data: weeks }, yAxis: { type: 'value', minInterval: 1 },
      series: bodies.map(b => ({ name: b, type: 'bar', stack: 'all',
        data: weeks.map(wk => (m.perBodyAndWeek.find(x => x.week === wk && x.bodyName === b) || { bookings: 0 }).bookings) })),
    }, true);
  }

  let loading = 0;
  async function load() {
    const ticket = ++loading;
    const p = filterParams();
    for (const a of document.querySelectorAll('a.export[data-api]')) {
      const q = new URLSearchParams(p); q.set('format', 'csv');
      a.href = '/ops/insight/' + a.dataset.api + '?' + q;
    }
    $('status-line').textContent = '';
    document.body.dataset.loaded = 'false';
    try {
      const mapParams = new URLSearchParams(p); mapParams.set('limit', MAP_LIMIT);
      const [heat, page, hotspots, overdue, trends, mediation] = await Promise.all([
        api('heat', p), api('tickets', mapParams), api('hotspots', p), api('overdue', p), api('trends', p), api('mediation', p)]);
      if (ticket !== loading) return;
      $('total').textContent = heat.total;
      drawGrids(heat);
      drawTickets(page);
      drawHotspots(hotspots);
      drawOverdue(overdue);
      drawTrends(trends);
      drawMediation(mediation);
      document.body.dataset.loaded = 'true';
    } catch (e) {
      $('status-line').textContent = '加载失败：' + e.message;
    }
  }

  // 研判日报: the Markdown as the server writes it, shown as simple HTML (headings, lists, tables).
  function renderMarkdown(md) {
    const out = document.createDocumentFragment();
    let list = null, table = null;
    for (const line of md.split('\n')) {
      if (!line.startsWith('- ')) list = null;
      if (!line.startsWith('|')) table = null;
      if (line.startsWith('# ')) out.append(el('h1', line.slice(2)));
      else if (line.startsWith('## ')) out.append(el('h2', line.slice(3)));
      else if (line.startsWith('- ')) { if (!list) out.append(list = el('ul')); list.append(el('li', line.slice(2))); }
      else if (line.startsWith('|')) {
        if (/^\|[-| ]+\|$/.test(line)) continue;
        if (!table) out.append(table = el('table'));
        const tr = el('tr');
        line.slice(1, -1).split('|').forEach(c => tr.append(el('td', c.trim())));
        table.append(tr);
      } else if (line.trim()) out.append(el('p', line));
    }
    return out;
  }

  async function loadDigest() {
    const day = $('digest-day').value;
    $('digest-download').href = '/ops/insight/digest?format=md&day=' + encodeURIComponent(day);
    try {
      const d = await api('digest', 'day=' + encodeURIComponent(day));
      $('digest-body').replaceChildren(renderMarkdown(d.markdown));
    } catch (e) {
      $('digest-body').textContent = '加载失败：' + e.message;
    }
  }

  function showTab(name) {
    for (const t of document.querySelectorAll('.tab')) t.classList.toggle('active', t.dataset.tab === name);
    $('overview').hidden = name !== 'overview';
    $('digest').hidden = name !== 'digest';
    $('filters').hidden = name !== 'overview';
    if (name === 'digest') loadDigest();
    else Object.values(charts).forEach(c => c.resize());
  }

  async function start() {
    const today = chinaToday();
    $('f-from').value = addDays(today, -29);
    $('f-to').value = today;
    $('digest-day').value = addDays(today, -1);
    categories = await api('categories');
    $('f-category').append(...categories.map(c => { const o = el('option', c.name); o.value = c.key; return o; }));
    const grids = await fetch('/ops/console/grids.geojson', { credentials: 'same-origin' }).then(r => r.json());
    gridLayer = L.geoJSON(grids, { style: { className: 'grid-area' } }).addTo(map);
    map.fitBounds(gridLayer.getBounds());
    for (const id of ['f-from', 'f-to', 'f-category', 'f-status', 'f-channel', 'f-role']) $(id).addEventListener('change', load);
    $('digest-day').addEventListener('change', loadDigest);
    for (const t of document.querySelectorAll('.tab')) t.addEventListener('click', e => { e.preventDefault(); showTab(t.dataset.tab); });
    window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
    await load();
    if (location.hash === '#digest') showTab('digest');
  }

  start();
})();
