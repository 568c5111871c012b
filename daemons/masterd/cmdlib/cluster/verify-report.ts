// How verify reports problems (Ganeti's _Error): "  - ERROR: node node2: msg", or with
// --error-codes "  - ERROR:ENODERPC:node:node2:msg"; ignored codes become warnings.
export type ObjectType = 'cluster' | 'node' | 'instance' | 'group';

export class VerifyReport {
  bad = false;
  constructor(private readonly feedback: (m: string) => void,
    private readonly opts: { error_codes: boolean; ignore_errors: string[] }) {}

  error(code: string, type: ObjectType, name: string, msg: string, warning = false): void {
    const ignored = this.opts.ignore_errors.includes(code);
    const level = warning || ignored ? 'WARNING' : 'ERROR';
    const line = this.opts.error_codes ? `${level}:${code}:${type}:${name}:${msg}` : `${level}: ${type} ${name}: ${msg}`;
    this.feedback(`  - ${line}`);
    if (level === 'ERROR') this.bad = true;
  }

  notice(msg: string): void { this.feedback(`  - NOTICE: ${msg}`); }
}
