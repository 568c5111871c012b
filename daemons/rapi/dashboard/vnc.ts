// The VNC console page (runs in the browser): noVNC's RFB client, bundled at build time, on a
// websocket to ganeti-rapi, which carries the RFB bytes over ssh to the instance's VNC server
// on its primary node. The same one-time ticket as the serial console, with kind=vnc.
import RFB from '@novnc/novnc';

let session: { name: string; rfb: RFB | null } | null = null;

function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function vncOpenFor(): string | null { return session?.name ?? null; }

export function closeVnc(): void {
  session?.rfb?.disconnect();
  session = null;
}

export async function openVnc(main: HTMLElement, name: string): Promise<void> {
  main.innerHTML = `<p><a href="#/instance/${encodeURIComponent(name)}">&larr; ${esc(name)}</a></p>` +
    `<h2>VNC console of ${esc(name)}</h2><p id="vnc-status" class="muted">connecting…</p>` +
    `<p class="actions"><button id="vnc-cad" disabled>Send Ctrl-Alt-Del</button></p><div id="vnc-screen"></div>`;
  const mine: { name: string; rfb: RFB | null } = { name, rfb: null };
  session = mine;
  const status = (text: string) => { const el = document.getElementById('vnc-status'); if (el) el.textContent = text; };
  const res = await fetch(`/dashboard/console-ticket/${encodeURIComponent(name)}?kind=vnc`, { method: 'POST', headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => null) as Record<string, unknown> | null;
  if (!res.ok || typeof body?.ticket !== 'string') {
    status(`console refused: ${res.status} ${String(body?.explain ?? body?.message ?? '')}`);
    return;
  }
  if (session !== mine) return;
  const rfb = new RFB(document.getElementById('vnc-screen')!,
    `wss://${location.host}/dashboard/console?ticket=${encodeURIComponent(body.ticket)}`, { shared: true });
  mine.rfb = rfb;
  rfb.scaleViewport = true;
  rfb.background = '#000';
  let desktop = '';
  rfb.addEventListener('desktopname', (ev) => { desktop = String((ev as CustomEvent<{ name: string }>).detail.name); });
  rfb.addEventListener('connect', () => {
    status(`connected${desktop ? ` to ${desktop}` : ''}; leave the page to disconnect`);
    const cad = document.getElementById('vnc-cad') as HTMLButtonElement | null;
    if (cad) { cad.disabled = false; cad.onclick = () => rfb.sendCtrlAltDel(); }
  });
  let refused = '';
  rfb.addEventListener('disconnect', (ev) => {
    // noVNC ends a refused login with a disconnect; the refusal is what the user needs to see.
    if (refused) return;
    status((ev as CustomEvent<{ clean: boolean }>).detail.clean ? 'disconnected' : 'disconnected: the connection to the VNC server failed');
  });
  // vnc_password_file: the server asks for its password.
  rfb.addEventListener('credentialsrequired', () => {
    const password = window.prompt(`VNC password for ${name}`);
    if (password === null) rfb.disconnect(); else rfb.sendCredentials({ password });
  });
  rfb.addEventListener('securityfailure', (ev) => {
    refused = `VNC security failure: ${String((ev as CustomEvent<{ reason?: string }>).detail.reason ?? 'authentication failed')}`;
    status(refused);
  });
}
