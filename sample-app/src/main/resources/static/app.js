// Live view of /actuator/kafkaconsumers: one card per consumer group, refreshed every 2 s.
// History (lag, rate, verdicts) is accumulated in this page only; nothing leaves the browser.
'use strict';

const POLL_MS = 2000;
const HISTORY_MS = 10 * 60 * 1000;
const SVG_NS = 'http://www.w3.org/2000/svg';

const VERDICT_COLORS = {
	OK: 'var(--ok)',
	CATCHING_UP: 'var(--catching-up)',
	UNKNOWN: 'var(--unknown)',
	REBALANCING: 'var(--rebalancing)',
	SLOW: 'var(--slow)',
	STUCK: 'var(--stuck)',
	STOPPED: 'var(--stopped)',
};

const VERDICT_HINTS = {
	OK: 'keeping up',
	CATCHING_UP: 'recovering',
	UNKNOWN: 'collecting data',
	REBALANCING: 'partitions moving',
	SLOW: 'falling behind',
	STUCK: 'not progressing',
	STOPPED: 'not consuming',
};

const EVENT_COLORS = { ASSIGNED: '#16a34a', REVOKED: '#d97706', LOST: '#dc2626' };

const OWNER_PALETTE = ['#2563eb', '#0d9488', '#9333ea', '#db2777', '#ea580c', '#4f46e5', '#65a30d', '#0891b2',
	'#b45309', '#be123c'];

const history = new Map();
const ownerColors = new Map();
const openDetails = new Set();
let lastSuccess = 0;
let knobs = null;

// ---------------------------------------------------------------- DOM helpers

function h(tag, attrs, ...children) {
	const element = document.createElement(tag);
	applyAttrs(element, attrs);
	appendAll(element, children);
	return element;
}

function s(tag, attrs, ...children) {
	const element = document.createElementNS(SVG_NS, tag);
	applyAttrs(element, attrs);
	appendAll(element, children);
	return element;
}

function applyAttrs(element, attrs) {
	for (const [key, value] of Object.entries(attrs || {})) {
		if (value === null || value === undefined || value === false) {
			continue;
		}
		if (key === 'style' && typeof value === 'object') {
			Object.assign(element.style, value);
		}
		else if (key.startsWith('on')) {
			element.addEventListener(key.substring(2), value);
		}
		else {
			element.setAttribute(key, value === true ? '' : value);
		}
	}
}

function appendAll(element, children) {
	for (const child of children.flat()) {
		if (child === null || child === undefined || child === false) {
			continue;
		}
		element.append(child instanceof Node ? child : String(child));
	}
}

// ---------------------------------------------------------------- formatting

function fmtInt(value) {
	return value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en-US');
}

function fmtRate(value) {
	if (value === null || value === undefined) {
		return '–';
	}
	const rounded = Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
	if (rounded === 0) {
		return '0';
	}
	return (rounded > 0 ? '+' : '') + rounded.toLocaleString('en-US');
}

function fmtMs(value) {
	if (value === null || value === undefined) {
		return '–';
	}
	if (value >= 10000) {
		return Math.round(value / 1000) + ' s';
	}
	if (value >= 1000) {
		return (value / 1000).toFixed(1) + ' s';
	}
	return Math.round(value) + ' ms';
}

function fmtAgo(seconds) {
	if (seconds === null || seconds === undefined) {
		return 'never';
	}
	if (seconds < 60) {
		return Math.round(seconds) + ' s ago';
	}
	if (seconds < 3600) {
		return Math.round(seconds / 60) + ' min ago';
	}
	return (seconds / 3600).toFixed(1) + ' h ago';
}

function fmtClock(epochMs) {
	return new Date(epochMs).toLocaleTimeString('en-GB');
}

function verdictColor(verdict) {
	return VERDICT_COLORS[verdict] || VERDICT_COLORS.UNKNOWN;
}

function verdictLabel(verdict) {
	return String(verdict).replace('_', ' ');
}

function ownerColor(clientId) {
	if (!ownerColors.has(clientId)) {
		ownerColors.set(clientId, OWNER_PALETTE[ownerColors.size % OWNER_PALETTE.length]);
	}
	return ownerColors.get(clientId);
}

// ---------------------------------------------------------------- history

function record(group, refreshedAt) {
	if (!history.has(group.groupId)) {
		history.set(group.groupId, []);
	}
	const points = history.get(group.groupId);
	const t = refreshedAt || Date.now();
	if (points.length > 0 && points[points.length - 1].t === t) {
		return points;
	}
	points.push({ t, lag: group.lag.total, rate: group.lag.ratePerSecond, status: group.status });
	while (points.length > 0 && points[0].t < t - HISTORY_MS) {
		points.shift();
	}
	return points;
}

// ---------------------------------------------------------------- charts

// A round upper bound for 4 grid intervals: 0-8 rather than 0-5 in steps of 1.25.
function niceMax(value) {
	if (value <= 0) {
		return 4;
	}
	const raw = value / 4;
	const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
	const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw);
	return Math.max(step, 0.25) * 4;
}

function lineChart(points, key, options) {
	const width = 640;
	const height = 170;
	const pad = { left: 48, right: 10, top: 10, bottom: 22 };
	const svg = s('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
		'aria-label': options.label });
	const values = points.map((p) => p[key]);
	let max = niceMax(Math.max(options.minMax || 1, ...values));
	let min = options.signed ? -niceMax(Math.max(0, ...values.map((v) => -v))) : 0;
	if (options.signed) {
		const bound = Math.max(max, -min);
		max = bound;
		min = -bound;
	}
	const now = points.length ? points[points.length - 1].t : Date.now();
	const start = Math.min(points.length ? points[0].t : now, now - 60000);
	const x = (t) => pad.left + ((t - start) / Math.max(1, now - start)) * (width - pad.left - pad.right);
	const y = (v) => pad.top + (1 - (v - min) / (max - min)) * (height - pad.top - pad.bottom);

	for (let i = 0; i <= 4; i++) {
		const v = min + ((max - min) * i) / 4;
		svg.append(s('line', { class: 'grid', x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v) }));
		svg.append(s('text', { x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, compact(v)));
	}
	if (options.signed) {
		svg.append(s('line', { class: 'axis', x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0) }));
	}
	svg.append(s('text', { x: pad.left, y: height - 5 }, fmtClock(start)));
	svg.append(s('text', { x: width - pad.right, y: height - 5, 'text-anchor': 'end' }, 'now'));

	if (points.length > 1) {
		const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p[key]).toFixed(1)}`).join('');
		const base = y(options.signed ? 0 : min);
		const area = `${line}L${x(points[points.length - 1].t).toFixed(1)},${base}L${x(points[0].t).toFixed(1)},${base}Z`;
		svg.append(s('path', { d: area, fill: options.color, 'fill-opacity': 0.1, stroke: 'none' }));
		svg.append(s('path', { d: line, fill: 'none', stroke: options.color, 'stroke-width': 2,
			'stroke-linejoin': 'round' }));
	}
	return svg;
}

function compact(value) {
	const abs = Math.abs(value);
	if (abs >= 1e6) {
		return (value / 1e6).toFixed(1).replace(/\.0$/, '') + 'M';
	}
	if (abs >= 1e3) {
		return (value / 1e3).toFixed(1).replace(/\.0$/, '') + 'k';
	}
	return String(Math.round(value * 10) / 10);
}

function verdictStrip(points) {
	const strip = h('div', { class: 'strip', role: 'img', 'aria-label': 'Verdict over time' });
	if (points.length === 0) {
		return strip;
	}
	// Same time axis as the charts; each verdict lasts until the next sample.
	const end = points[points.length - 1].t + POLL_MS;
	const start = Math.min(points[0].t, end - POLL_MS - 60000);
	const percent = (from, to) => ((to - from) / (end - start)) * 100 + '%';
	strip.append(h('span', { style: { width: percent(start, points[0].t) } }));
	points.forEach((point, i) => {
		const until = i + 1 < points.length ? points[i + 1].t : end;
		strip.append(h('span', { title: `${fmtClock(point.t)} ${verdictLabel(point.status)}`,
			style: { width: percent(point.t, until), background: verdictColor(point.status) } }));
	});
	return strip;
}

function rebalanceTimeline(events, now) {
	const width = 1280;
	const lanes = [...new Set(events.map((e) => e.clientId))].sort();
	const laneHeight = 22;
	const pad = { left: 200, right: 16, top: 6, bottom: 22 };
	const height = pad.top + Math.max(1, lanes.length) * laneHeight + pad.bottom;
	const oldest = events.length ? events[0].time : now;
	const start = Math.min(oldest - 5000, now - 2 * 60 * 1000);
	const x = (t) => pad.left + ((t - start) / Math.max(1, now - start)) * (width - pad.left - pad.right);
	const svg = s('svg', { class: 'timeline', viewBox: `0 0 ${width} ${height}`, role: 'img',
		'aria-label': 'Rebalance timeline' });
	lanes.forEach((lane, i) => {
		const cy = pad.top + i * laneHeight + laneHeight / 2;
		svg.append(s('line', { class: 'grid', x1: pad.left, x2: width - pad.right, y1: cy, y2: cy }));
		svg.append(s('text', { x: pad.left - 10, y: cy + 4, 'text-anchor': 'end' }, lane));
	});
	if (lanes.length === 0) {
		svg.append(s('text', { x: pad.left, y: pad.top + 15 }, 'No rebalance recorded yet.'));
	}
	const axisY = height - pad.bottom + 4;
	svg.append(s('line', { class: 'axis', x1: pad.left, x2: width - pad.right, y1: axisY, y2: axisY }));
	for (let i = 0; i <= 4; i++) {
		const t = start + ((now - start) * i) / 4;
		svg.append(s('text', { x: x(t), y: height - 4, 'text-anchor': i === 0 ? 'start' : i === 4 ? 'end' : 'middle' },
			i === 4 ? 'now' : fmtClock(t)));
	}
	for (const event of events) {
		const cy = pad.top + lanes.indexOf(event.clientId) * laneHeight + laneHeight / 2;
		const title = `${fmtClock(event.time)} ${event.type} ${event.clientId}: ${event.partitions} partition(s)`
			+ (event.pauseMs >= 0 ? `, paused ${event.pauseMs} ms` : '');
		const shape = event.type === 'ASSIGNED'
			? s('circle', { cx: x(event.time), cy, r: 5.5, fill: EVENT_COLORS.ASSIGNED })
			: s('rect', { x: x(event.time) - 5, y: cy - 5, width: 10, height: 10, rx: 2,
				fill: EVENT_COLORS[event.type] || '#64748b',
				transform: `rotate(45 ${x(event.time)} ${cy})` });
		shape.append(s('title', {}, title));
		svg.append(shape);
	}
	return svg;
}

// ---------------------------------------------------------------- group card

function renderGroup(group, snapshot) {
	const points = record(group, snapshot.refreshedAt);
	const partitions = group.lag.partitions;
	const poll = group.poll;
	const membership = group.membership;
	const rebalances = group.rebalances;

	const head = h('div', { class: 'panel group-head' },
		h('div', { class: 'verdict', 'data-role': 'verdict-box', style: { background: verdictColor(group.status) } },
			h('span', { 'data-role': 'verdict' }, verdictLabel(group.status)),
			h('small', {}, VERDICT_HINTS[group.status] || '')),
		h('div', { class: 'head-text' },
			h('h2', {}, group.groupId),
			h('p', { class: 'diagnosis', 'data-role': 'diagnosis' }, group.diagnosis),
			h('div', { class: 'tags' },
				h('span', { class: 'tag' }, `protocol ${group.protocol}`),
				h('span', { class: 'tag' }, `group state ${membership.state}`),
				group.listeners.map((l) => h('span', { class: 'tag' },
					`listener ${l.listenerId}: ${l.state}${l.stopReason ? ' (' + l.stopReason + ')' : ''}, `
					+ `concurrency ${l.concurrency}`)))));

	const catchUp = group.lag.catchUpSeconds !== null ? `caught up in ~${group.lag.catchUpSeconds} s` : 'records/s';
	const kpis = h('div', { class: 'kpis' },
		kpi('Total lag', fmtInt(group.lag.total), 'records'),
		kpi('Lag rate', fmtRate(group.lag.ratePerSecond), catchUp),
		kpi('Members', `${membership.members}`, `for ${membership.partitions} partitions`),
		kpi('Rebalances', fmtInt(rebalances.total), `${fmtInt(rebalances.ratePerHour)} in the last hour`),
		kpi('Last rebalance', fmtAgo(rebalances.lastSecondsAgo),
			rebalances.lastDurationMs !== null ? `stopped a consumer ${fmtMs(rebalances.lastDurationMs)}` : ''),
		kpi('Poll interval used', Math.round(poll.maxPollIntervalUsedRatio * 100) + ' %',
			`of max.poll.interval.ms (${fmtMs(poll.maxPollIntervalMs)})`));

	const charts = h('div', { class: 'grid2' },
		h('div', { class: 'card' }, h('h3', {}, 'Total lag', h('span', { class: 'hint' }, 'records')),
			lineChart(points, 'lag', { color: '#2563eb', minMax: 4, label: 'Total lag over time' })),
		h('div', { class: 'card' },
			h('h3', {}, 'Lag rate', h('span', { class: 'hint' }, 'records/s · above 0: falling behind')),
			lineChart(points, 'rate', { color: '#9333ea', signed: true, label: 'Lag rate over time' })));

	const seen = [...new Set(points.map((p) => p.status))];
	const strip = h('div', { class: 'card' },
		h('h3', {}, 'Verdict over time', h('span', { class: 'hint' }, 'since this page opened')),
		verdictStrip(points),
		h('div', { class: 'strip-legend' }, seen.map((v) => h('span', {},
			h('span', { class: 'dot', style: { background: verdictColor(v) } }), verdictLabel(v)))));

	const details = h('div', { class: 'grid2' },
		partitionCard(partitions),
		h('div', { class: 'col' }, pollCard(poll), membershipCard(membership, partitions), findingsCard(group.findings)));

	const timeline = h('div', { class: 'card' },
		h('h3', {}, 'Rebalances', h('span', { class: 'hint' },
			'● assigned ◆ revoked ◆ lost · last ' + rebalances.recent.length + ' callbacks')),
		rebalanceTimeline(rebalances.recent, snapshot.refreshedAt || Date.now()),
		h('ol', { class: 'events' }, rebalances.recent.slice(-8).reverse().map((e) => h('li', {},
			h('span', { class: 'dot', style: { background: EVENT_COLORS[e.type] } }),
			`${fmtClock(e.time)} `, h('b', {}, e.type), ` ${e.clientId} · ${e.partitions} partition(s)`
				+ (e.pauseMs >= 0 ? ` · paused ${e.pauseMs} ms` : '')))),
		settingsDetails(group));

	return h('section', { class: 'group', 'data-group': group.groupId, 'data-samples': points.length },
		head, kpis, charts, strip, details, timeline);
}

function kpi(label, value, sub) {
	return h('div', { class: 'card kpi' }, h('div', { class: 'k' }, label), h('div', { class: 'v' }, value),
		h('div', { class: 's' }, sub));
}

function partitionCard(partitions) {
	const maxLag = Math.max(10, ...partitions.map((p) => p.lag));
	const rows = partitions.map((p) => h('tr', { class: 'partition-row', 'data-partition': p.partition },
		h('td', { class: 'mono' }, `${p.topic}-${p.partition}`),
		h('td', { class: 'barcell' }, h('div', { class: 'bar' },
			h('span', { style: { width: (p.lag / maxLag) * 100 + '%', background: verdictColor(p.status) } }))),
		h('td', { class: 'num' }, fmtInt(p.lag)),
		h('td', { class: 'num' }, fmtRate(p.ratePerSecond)),
		h('td', {}, h('span', { class: 'pill', style: { background: verdictColor(p.status) } }, verdictLabel(p.status))),
		h('td', { class: 'owner' }, p.owner
			? [h('span', { class: 'swatch', style: { background: ownerColor(p.owner.clientId) } }),
				p.owner.clientId + (p.owner.instanceId ? ` (${p.owner.instanceId})` : '')]
			: h('span', { class: 'none' }, 'no owner'))));
	return h('div', { class: 'card' },
		h('h3', {}, 'Lag per partition', h('span', { class: 'hint' }, 'committed-offset lag · rate across the window')),
		h('table', { class: 'partitions' },
			h('thead', {}, h('tr', {}, h('th', {}, 'Partition'), h('th', { colspan: 2 }, 'Lag'),
				h('th', { class: 'num' }, 'Rate /s'), h('th', {}, 'Status'), h('th', {}, 'Owner'))),
			h('tbody', {}, rows)));
}

function pollCard(poll) {
	const ratio = poll.maxPollIntervalUsedRatio;
	const scale = 1.25;
	const color = ratio >= 0.8 ? 'var(--stopped)' : ratio >= 0.5 ? 'var(--warn)' : 'var(--ok)';
	return h('div', { class: 'card' },
		h('h3', {}, 'Poll interval', h('span', { class: 'hint' }, 'against max.poll.interval.ms')),
		h('div', { class: 'gauge-value' }, Math.round(ratio * 100) + ' %',
			h('span', { class: 'unit' }, ` of ${fmtMs(poll.maxPollIntervalMs)}`)),
		h('div', { class: 'gauge', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': scale, 'aria-valuenow': ratio },
			h('div', { class: 'fill', style: { width: Math.min(ratio / scale, 1) * 100 + '%', background: color } }),
			h('div', { class: 'mark warn', style: { left: (0.8 / scale) * 100 + '%' } }, h('span', {}, 'warn 80 %')),
			h('div', { class: 'mark', style: { left: (1 / scale) * 100 + '%' } }, h('span', {}, 'evicted'))),
		h('div', { class: 'facts' },
			h('div', {}, h('b', {}, fmtMs(poll.timeBetweenPollAvgMs)), 'avg between polls'),
			h('div', {}, h('b', {}, fmtMs(poll.timeBetweenPollMaxMs)), 'max between polls'),
			h('div', {}, h('b', {}, poll.lastPollSecondsAgo === null ? '–' : fmtMs(poll.lastPollSecondsAgo * 1000)),
				'since last poll')));
}

function membershipCard(membership, partitions) {
	const owners = [...new Set(partitions.filter((p) => p.owner).map((p) => p.owner.clientId))].sort();
	return h('div', { class: 'card' },
		h('h3', {}, 'Consumers and partitions'),
		h('div', { class: 'membership-numbers' },
			h('div', {}, h('b', {}, membership.members), 'members'),
			h('div', {}, h('b', {}, membership.partitions), 'partitions'),
			h('div', { class: membership.idleMembers > 0 ? 'bad' : '' }, h('b', {}, membership.idleMembers), 'idle members'),
			h('div', { class: membership.unassignedPartitions > 0 ? 'bad' : '' },
				h('b', {}, membership.unassignedPartitions), 'without a live owner')),
		h('div', { class: 'tiles' }, partitions.map((p) => h('div', {
			class: 'tile' + (p.owner && p.status !== 'STOPPED' ? '' : ' unowned'),
			title: `${p.topic}-${p.partition}: ${p.owner ? p.owner.clientId : 'no owner'}`,
			style: p.owner && p.status !== 'STOPPED' ? { background: ownerColor(p.owner.clientId) } : {},
		}, p.partition))),
		h('div', { class: 'legend' }, owners.map((o) => h('span', {},
			h('span', { class: 'dot', style: { background: ownerColor(o) } }), o))));
}

function findingsCard(findings) {
	return h('div', { class: 'card' },
		h('h3', {}, 'Findings'),
		findings.length === 0 ? h('div', { class: 'none' }, 'Nothing needs attention.')
			: h('ul', { class: 'findings' }, findings.map((f) => h('li', {},
				h('span', { class: `sev ${f.severity}` }, f.severity),
				h('span', {}, h('span', { class: 'finding-code' }, f.code), f.message)))));
}

function settingsDetails(group) {
	const key = group.groupId;
	const details = h('details', { class: 'settings', open: openDetails.has(key) },
		h('summary', {}, 'Effective consumer settings and who chose them'),
		group.listeners.map((l) => h('table', {}, Object.entries(l.settings).map(([k, v]) =>
			h('tr', {}, h('td', { class: 'mono' }, k), h('td', { class: 'mono' }, v))))));
	details.addEventListener('toggle', () => details.open ? openDetails.add(key) : openDetails.delete(key));
	return details;
}

// ---------------------------------------------------------------- polling

async function refresh() {
	try {
		const response = await fetch('actuator/kafkaconsumers', { cache: 'no-store' });
		if (!response.ok) {
			throw new Error(`HTTP ${response.status}`);
		}
		const snapshot = await response.json();
		lastSuccess = Date.now();
		render(snapshot);
		showBanner(snapshot.stale ? `The broker did not answer the last refresh; showing older data. ${snapshot.error || ''}`
			: null);
	}
	catch (error) {
		showBanner(`Cannot read /actuator/kafkaconsumers (${error.message}). Is the application running?`);
	}
	refreshKnobs();
}

function render(snapshot) {
	const container = document.getElementById('groups');
	const groups = snapshot.groups || [];
	const scroll = window.scrollY;
	if (groups.length === 0) {
		container.replaceChildren(h('section', { class: 'panel empty' },
			'Waiting for the first refresh of the consumer signals…'));
	}
	else {
		container.replaceChildren(...groups.map((group) => renderGroup(group, snapshot)));
	}
	window.scrollTo(0, scroll);
	const refreshed = snapshot.refreshedAt ? `refreshed ${fmtClock(snapshot.refreshedAt)}` : 'not refreshed yet';
	const broker = knobs ? ` · ${knobs.embeddedBroker ? 'embedded broker' : 'broker'} ${knobs.bootstrapServers}` : '';
	document.getElementById('meta').textContent =
		`${refreshed} · signals every ${Math.round(snapshot.refreshIntervalMs / 1000)} s${broker}`;
}

function showBanner(message) {
	const banner = document.getElementById('banner');
	banner.textContent = message || '';
	banner.classList.toggle('hidden', !message);
}

// ---------------------------------------------------------------- demo knobs

async function refreshKnobs() {
	try {
		const response = await fetch('demo', { cache: 'no-store' });
		if (response.ok) {
			showKnobs(await response.json());
		}
	}
	catch (error) {
		// The banner already says the application cannot be reached.
	}
}

async function post(path) {
	try {
		const response = await fetch(path, { method: 'POST' });
		if (!response.ok) {
			showBanner(`${path}: ${await response.text()}`);
			return;
		}
		showKnobs(await response.json());
	}
	catch (error) {
		showBanner(`${path}: ${error.message}`);
	}
}

function showKnobs(state) {
	knobs = state;
	document.querySelectorAll('[data-delay]').forEach((button) =>
		button.classList.toggle('active', Number(button.dataset.delay) === state.processingDelayMs));
	document.querySelectorAll('[data-rate]').forEach((button) =>
		button.classList.toggle('active', Number(button.dataset.rate) === state.ratePerSecond));
	const stuck = document.getElementById('stuck-button');
	stuck.classList.toggle('on', state.stuck);
	stuck.textContent = state.stuck ? 'Release listener' : 'Block listener';
	document.getElementById('stop-button').disabled = !state.listenerRunning;
	document.getElementById('start-button').disabled = state.listenerRunning;
	const delayInput = document.getElementById('delay-input');
	if (document.activeElement !== delayInput) {
		delayInput.value = state.processingDelayMs;
	}
	const rateInput = document.getElementById('rate-input');
	if (document.activeElement !== rateInput) {
		rateInput.value = state.ratePerSecond;
	}
	document.getElementById('counters').replaceChildren(
		h('b', {}, fmtInt(state.produced)), ' produced · ', h('b', {}, fmtInt(state.processed)), ' processed',
		state.sendFailures > 0 ? [' · ', h('b', {}, fmtInt(state.sendFailures)), ' failed sends'] : [],
		' · listener ', h('b', {}, state.listenerRunning ? (state.stuck ? 'blocked' : 'running') : 'stopped'));
}

function wireKnobs() {
	document.querySelectorAll('[data-delay]').forEach((button) =>
		button.addEventListener('click', () => post(`demo/processing-delay?ms=${button.dataset.delay}`)));
	document.querySelectorAll('[data-rate]').forEach((button) =>
		button.addEventListener('click', () => post(`demo/rate?perSecond=${button.dataset.rate}`)));
	document.getElementById('delay-form').addEventListener('submit', (event) => {
		event.preventDefault();
		post(`demo/processing-delay?ms=${encodeURIComponent(document.getElementById('delay-input').value)}`);
	});
	document.getElementById('rate-form').addEventListener('submit', (event) => {
		event.preventDefault();
		post(`demo/rate?perSecond=${encodeURIComponent(document.getElementById('rate-input').value)}`);
	});
	document.getElementById('stuck-button').addEventListener('click',
		() => post(`demo/stuck?enabled=${!(knobs && knobs.stuck)}`));
	document.getElementById('stop-button').addEventListener('click', () => post('demo/stop'));
	document.getElementById('start-button').addEventListener('click', () => post('demo/start'));
}

wireKnobs();
refresh();
setInterval(refresh, POLL_MS);
