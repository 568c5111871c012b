// The shape of a gnt-* command: a spec of verbs (loaded lazily, one module per verb) and the
// context a verb runs with. Specs are tiny so that "gnt-x" without a verb loads nothing else.
import type { Command } from 'commander';
import type { CliIo } from './io.js';
import type { ClientContext } from '../../daemons/common/client/context.js';

/** How many positional arguments a verb takes (Ganeti's ARGS_* definitions). */
export interface ArgCount {
  min: number;
  /** null: no upper bound. */
  max: number | null;
}

export const ARGS_NONE: ArgCount = { min: 0, max: 0 };
export const ARGS_ONE: ArgCount = { min: 1, max: 1 };
export const ARGS_ANY: ArgCount = { min: 0, max: null };
export const ARGS_AT_LEAST_ONE: ArgCount = { min: 1, max: null };

/** A verb runs as a client of the master (the master connection is closed when it ends). */
export interface VerbContext extends ClientContext {
  io: CliIo;
}

/** What a verb module exports as `verb`. */
export interface VerbDef<O = any> {
  args: ArgCount;
  /** Declares the verb's options on its commander Command. */
  options?(cmd: Command): void;
  run(ctx: VerbContext, opts: O, args: string[]): Promise<number>;
}

export interface VerbEntry {
  usage: string;
  description: string;
  load(): Promise<{ verb: VerbDef }>;
}

export interface CommandSpec {
  prog: string;
  verbs: Record<string, VerbEntry>;
  aliases?: Record<string, string>;
  /** Verbs whose default arguments may come from <PROG>_<VERB> (GNT_INSTANCE_LIST…). */
  envOverride?: string[];
}
