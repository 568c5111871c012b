// The dashboard page (runs in the browser; bundled by esbuild at build time). The cluster
// state arrives over server-sent events from /dashboard/events and is re-rendered as it
// changes, without reloading; actions are RAPI calls on the same origin and account.
import { Terminal } from '@xterm/xterm';
import { closeVnc, openVnc, vncOpenFor } from './vnc.js';

type Row = Record<string, unknown>;
interface Me { name: string | null; owner: string | null; write: boolean }
interface State { me: Me; cluster: string; nodes: Row[]; instances: Row[]; jobs: (Row & { log: string[] })[]; consoles?: string[] }

let state: State | null = null;
let notice = '';

const $ = (id: string) => document.getElementById(id)!;

function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function mib(v: unknown): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return '-';
  return n >= 1024 ? `${(n / 1024).toFixed(1)}G` : `${n}M`;
}

function bar(used: number, total: number, label: string): string {
  if (!Number.isFinite(used) || !Number.isFinite(total) || total <= 0) return '<span class="muted">-</span>';
  const pct = Math.max(0, Math.min(100, (used / total) * 100));
  return `<span class="bar${pct > 85 ? ' hi' : ''}" title="${pct.toFixed(0)}%"><span style="width:${pct.toFixed(1)}%"></span></span>` +
    `<span class="barlabel">${esc(label)}</span>`;
}

const ROLES: Record<string, string> = { M: 'master', C: 'candidate', D: 'drained', O: 'offline', R: 'regular' };

function nodesTable(s: State): string {
  if (!s.nodes.length) return '';
  const vcpusUsed = new Map<string, number>();
  for (const i of s.instances) {
    if (i.oper_state === true) vcpusUsed.set(String(i.pnode), (vcpusUsed.get(String(i.pnode)) ?? 0) + Number(i['be/vcpus'] ?? 0));
  }
  const rows = s.nodes.map((n) => {
    const role = ROLES[String(n.role)] ?? String(n.role ?? '');
    const mt = Number(n.mtotal); const mf = Number(n.mfree);
    const dt = Number(n.dtotal); const df = Number(n.dfree);
    const ct = Number(n.ctotal); const cu = vcpusUsed.get(String(n.name)) ?? 0;
    return `<tr data-node="${esc(n.name)}"><td>${esc(n.name)}</td><td><span class="role role-${esc(role)}">${esc(role)}</span></td>` +
      `<td>${bar(mt - mf, mt, `${mib(mt - mf)} / ${mib(mt)}`)}</td><td>${bar(cu, ct, `${cu} / ${Number.isFinite(ct) ? ct : '-'}`)}</td>` +
      `<td>${bar(dt - df, dt, `${mib(dt - df)} / ${mib(dt)}`)}</td><td>${esc(n.pinst_cnt)}</td></tr>`;
  });
  return `<h2>Nodes</h2><table id="nodes"><thead><tr><th>Node</th><th>Role</th><th>Memory</th><th>VCPUs</th><th>Disk</th>` +
    `<th>Instances</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function instancesTable(s: State): string {
  const open = new Set(s.consoles ?? []);
  const badge = (name: unknown) => (open.has(String(name)) ? ' <span class="console-on" title="a console is open">console</span>' : '');
  const rows = s.instances.map((i) => `<tr data-instance="${esc(i.name)}"><td><a href="#/instance/${encodeURIComponent(String(i.name))}">${esc(i.name)}</a>${badge(i.name)}</td>` +
    `<td class="state state-${esc(i.status)}">${esc(i.status)}</td><td>${esc(i.pnode)}</td><td>${mib(i['be/maxmem'])}</td>` +
    `<td>${esc(i.os)}</td><td>${esc(i.owner ?? '')}</td></tr>`);
  return `<h2>Instances (${s.instances.length})</h2><table id="instances"><thead><tr><th>Instance</th><th>State</th><th>Node</th>` +
    `<th>Memory</th><th>OS</th><th>Owner</th></tr></thead><tbody>${rows.join('') || '<tr><td colspan="6" class="muted">none</td></tr>'}</tbody></table>`;
}

/**
 * Image-based profiles (labs): each admin instance whose disk is the base of overlays, its
 * state, its overlays, how many of them run and which have a console open in a browser.
 */
function profilesTable(s: State): string {
  const open = new Set(s.consoles ?? []);
  const byName = new Map(s.instances.map((i) => [String(i.name), i]));
  const overlays = new Map<string, Row[]>();
  for (const i of s.instances) {
    for (const b of Array.isArray(i.base_instances) ? (i.base_instances as unknown[]) : []) {
      const l = overlays.get(String(b));
      if (l) l.push(i); else overlays.set(String(b), [i]);
    }
  }
  if (!overlays.size) return '';
  const link = (n: string) => `<a href="#/instance/${encodeURIComponent(n)}">${esc(n)}</a>`;
  const rows = [...overlays].sort(([a], [b]) => a.localeCompare(b)).map(([base, users]) => {
    const running = users.filter((u) => u.status === 'running');
    const consoles = users.filter((u) => open.has(String(u.name)));
    const status = byName.get(base)?.status;
    return `<tr data-profile="${esc(base)}"><td>${link(base)}</td><td class="state state-${esc(status ?? '')}">${esc(status ?? '?')}</td>` +
      `<td>${users.map((u) => `${link(String(u.name))} <span class="state state-${esc(u.status)}">${esc(u.status)}</span>`).join(', ')}</td>` +
      `<td class="running">${running.length}/${users.length}</td><td class="consoles">${consoles.map((u) => esc(u.name)).join(', ') || '—'}</td></tr>`;
  });
  return `<h2>Profiles (${overlays.size})</h2><table id="profiles"><thead><tr><th>Admin instance</th><th>State</th><th>Overlays</th>` +
    `<th>Running</th><th>Console open</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function jobsTable(s: State): string {
  const rows = s.jobs.map((j) => `<tr data-job="${esc(j.id)}"><td>${esc(j.id)}</td><td class="status-${esc(j.status)}">${esc(j.status)}</td>` +
    `<td>${esc((Array.isArray(j.summary) ? j.summary : []).join(', '))}</td><td class="log">${j.log.map(esc).join('<br>')}</td></tr>`);
  return `<h2>Jobs</h2><table id="jobs"><thead><tr><th>ID</th><th>Status</th><th>Summary</th><th>Log</th></tr></thead>` +
    `<tbody>${rows.join('') || '<tr><td colspan="4" class="muted">none</td></tr>'}</tbody></table>`;
}

/** Which actions the account may take on an instance (owners: their own start/stop/reboot). */
function actionsFor(me: Me): string[] {
  if (me.write) return ['startup', 'shutdown', 'reboot', 'migrate'];
  if (me.owner !== null) return ['startup', 'shutdown', 'reboot'];
  return [];
}

const ACTION_LABEL: Record<string, string> = { startup: 'Start', shutdown: 'Stop', reboot: 'Reboot', migrate: 'Migrate' };
const ACTION_CALL: Record<string, [string, string]> = {
  startup: ['PUT', 'startup'], shutdown: ['PUT', 'shutdown'], reboot: ['POST', 'reboot'], migrate: ['PUT', 'migrate'],
};

function instancePage(s: State, name: string): string {
  const i = s.instances.find((x) => x.name === name);
  if (!i) return `<p><a href="#/">&larr; cluster</a></p><p class="muted">No instance ${esc(name)}.</p>`;
  const buttons = actionsFor(s.me).map((a) => `<button data-action="${a}">${ACTION_LABEL[a]}</button>`).join('');
  const fields: [string, unknown][] = [['State', i.status], ['Primary node', i.pnode], ['Memory', mib(i['be/maxmem'])],
    ['VCPUs', i['be/vcpus']], ['OS', i.os], ['Owner', i.owner ?? ''], ['Disk template', i.disk_template],
    ['Disks', (Array.isArray(i['disk.sizes']) ? i['disk.sizes'] as number[] : []).map(mib).join(', ')],
    ['NICs', (Array.isArray(i['nic.macs']) ? i['nic.macs'] as string[] : []).join(', ')], ['Hypervisor', i.hypervisor],
    ['Console open', (s.consoles ?? []).includes(name) ? 'yes' : 'no']];
  const jobs = { ...s, jobs: s.jobs.filter((j) => (Array.isArray(j.summary) ? j.summary : []).some((x) => String(x).includes(`(${name})`))) };
  const consoleLink = actionsFor(s.me).length && i.oper_state === true && i.hypervisor === 'kvm'
    ? `<a id="console-link" href="#/console/${encodeURIComponent(name)}">Serial console</a>` : '';
  const vncLink = actionsFor(s.me).length && i.oper_state === true && i.vnc === true
    ? `<a id="vnc-link" href="#/vnc/${encodeURIComponent(name)}">VNC console</a>` : '';
  return `<p><a href="#/">&larr; cluster</a></p><h2 id="instance-name">${esc(name)}</h2>` +
    `<dl>${fields.map(([k, v]) => `<dt>${esc(k)}</dt><dd${k === 'State' ? ` id="instance-state" class="state-${esc(v)}"` : ''}>${esc(v)}</dd>`).join('')}</dl>` +
    `<p class="actions">${buttons}${consoleLink}${vncLink}</p>${notice ? `<p class="notice">${esc(notice)}</p>` : ''}${jobsTable(jobs)}`;
}

type Route = { page: 'cluster' } | { page: 'instance' | 'console' | 'vnc'; name: string };

function route(): Route {
  const m = /^#\/(instance|console|vnc)\/(.+)$/.exec(location.hash);
  return m ? { page: m[1] as 'instance' | 'console' | 'vnc', name: decodeURIComponent(m[2]!) } : { page: 'cluster' };
}

/** The open serial console: an xterm.js terminal on a websocket to ganeti-rapi's proxy. */
let consoleSession: { name: string; term: Terminal; ws: WebSocket | null } | null = null;

function closeConsole(): void {
  consoleSession?.ws?.close();
  consoleSession?.term.dispose();
  consoleSession = null;
}

async function openConsole(name: string): Promise<void> {
  $('main').innerHTML = `<p><a href="#/instance/${encodeURIComponent(name)}">&larr; ${esc(name)}</a></p>` +
    `<h2>Serial console of ${esc(name)}</h2><p id="console-status" class="muted">connecting…</p><div id="terminal"></div>`;
  const term = new Terminal({ convertEol: false, scrollback: 5000, fontSize: 13 });
  const session: { name: string; term: Terminal; ws: WebSocket | null } = { name, term, ws: null };
  consoleSession = session;
  term.open($('terminal'));
  const status = (text: string) => { const el = document.getElementById('console-status'); if (el) el.textContent = text; };
  const res = await fetch(`/dashboard/console-ticket/${encodeURIComponent(name)}`, { method: 'POST', headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => null) as Row | null;
  if (!res.ok || typeof body?.ticket !== 'string') {
    status(`console refused: ${res.status} ${String(body?.explain ?? body?.message ?? '')}`);
    return;
  }
  if (consoleSession !== session) return;
  const ws = new WebSocket(`wss://${location.host}/dashboard/console?ticket=${encodeURIComponent(body.ticket)}`);
  ws.binaryType = 'arraybuffer';
  session.ws = ws;
  ws.addEventListener('open', () => status('connected; leave the page to disconnect'));
  ws.addEventListener('message', (ev) => {
    term.write(typeof ev.data === 'string' ? ev.data : new Uint8Array(ev.data as ArrayBuffer));
  });
  ws.addEventListener('close', (ev) => status(`disconnected${ev.reason ? `: ${ev.reason}` : ''}`));
  term.onData((d) => { if (ws.readyState === WebSocket.OPEN) ws.send(d); });
}

function render(): void {
  if (!state) return;
  const s = state;
  $('cluster').textContent = s.cluster;
  $('me').textContent = s.me.name ? `${s.me.name}${s.me.write ? ' (write)' : s.me.owner !== null ? ' (owner)' : ' (read-only)'}` : '';
  const r = route();
  if (r.page === 'console') {
    closeVnc();
    if (consoleSession?.name !== r.name) { closeConsole(); void openConsole(r.name); }
    return;
  }
  closeConsole();
  if (r.page === 'vnc') {
    if (vncOpenFor() !== r.name) { closeVnc(); void openVnc($('main'), r.name); }
    return;
  }
  closeVnc();
  $('main').innerHTML = r.page === 'instance' ? instancePage(s, r.name)
    : `${s.me.owner !== null ? '' : nodesTable(s)}${profilesTable(s)}${instancesTable(s)}${jobsTable(s)}`;
}

async function act(action: string, name: string): Promise<void> {
  const [method, verb] = ACTION_CALL[action]!;
  notice = `${ACTION_LABEL[action]}: submitting…`;
  render();
  const res = await fetch(`/2/instances/${encodeURIComponent(name)}/${verb}`, { method, headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => null) as unknown;
  notice = res.ok ? `${ACTION_LABEL[action]}: job ${String(body)} submitted`
    : `${ACTION_LABEL[action]} refused: ${res.status} ${String((body as Row | null)?.explain ?? (body as Row | null)?.message ?? '')}`;
  render();
}

document.addEventListener('click', (ev) => {
  const t = ev.target as HTMLElement;
  const action = t.dataset?.action;
  const r = route();
  if (action && r.page === 'instance') void act(action, r.name);
});
window.addEventListener('hashchange', () => { notice = ''; render(); });

function connect(): void {
  const es = new EventSource('/dashboard/events');
  es.addEventListener('open', () => { $('conn').textContent = 'live'; });
  es.addEventListener('state', (ev) => {
    state = JSON.parse((ev as MessageEvent<string>).data) as State;
    $('conn').textContent = 'live';
    render();
  });
  es.addEventListener('failure', (ev) => { $('conn').textContent = `master unreachable: ${JSON.parse((ev as MessageEvent<string>).data) as string}`; });
  es.addEventListener('error', () => { $('conn').textContent = 'reconnecting…'; });
}

connect();
