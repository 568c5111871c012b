// burnin's output (burnin.py Log): one line per step, indented by level with Ganeti's
// headers ("- " for a phase, "* " for an instance, plain text below that), and the job
// feedback buffer that is printed when something fails (and live with -v).
import type { LogEntry } from '../../daemons/common/client/master-api.js';
import { formatLogLine } from '../../daemons/common/client/job-poller.js';

const HEADERS: Record<number, string> = { 0: '- ', 1: '* ', 2: '' };

export class BurninLog {
  /** Feedback of the jobs of the current step, for the "opcode buffer" shown on errors. */
  private buffer: string[] = [];

  constructor(private readonly write: (line: string) => void, private readonly verbose: boolean) {}

  /** Log(msg, indent=N): 2*N spaces, the level's header, the message. */
  line(msg: string, indent = 0): void {
    this.write(`${' '.repeat(2 * indent)}${HEADERS[indent] ?? '  '}${msg}`);
  }

  /** A raw line (the feedback buffer dump). */
  raw(text: string): void {
    this.write(text);
  }

  /** FeedbackAccumulator.Feedback: kept for the error dump, shown at level 3 with -v. */
  feedback(entry: LogEntry): void {
    const text = formatLogLine(entry);
    this.buffer.push(text);
    if (this.verbose) this.line(text, 3);
  }

  clearFeedback(): void {
    this.buffer = [];
  }

  feedbackText(): string[] {
    return [...this.buffer];
  }
}
