// Request checks shared by the noded handlers. Every failure is a ParameterError (wrong_input)
// naming the field and, where it helps, what is allowed; service.ts maps it to INVALID_ARGUMENT.
import { ParameterError } from '../common/errors.js';
import { isSafeName } from '../common/known-files.js';
import { isRegisteredHypervisor, registeredHypervisors } from '../hypervisor/registry.js';
import type { Instance__Output } from '../../proto/generated/ganeti/Instance.js';

export function invalid(message: string): ParameterError {
  return new ParameterError(message, { ecode: 'wrong_input' });
}

export function required<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined || value === '') throw invalid(`Missing required field '${field}'`);
  return value;
}

export function safeName(value: string, field: string): string {
  required(value, field);
  if (!isSafeName(value)) {
    throw invalid(`Invalid name '${value}' in field '${field}': use letters, digits, '.', '_', '+' and '-' (at most 63 characters, no '..')`);
  }
  return value;
}

export function hypervisorKind(value: string, field: string): string {
  required(value, field);
  if (!isRegisteredHypervisor(value)) {
    throw invalid(`Unknown hypervisor '${value}' in field '${field}' (available: ${registeredHypervisors().join(', ')})`);
  }
  return value;
}

/** Hypervisor kinds of a request list; empty means every registered one. */
export function hypervisorList(values: readonly string[], field: string): string[] {
  if (values.length === 0) return registeredHypervisors();
  return values.map((v, i) => hypervisorKind(v, `${field}[${i}]`));
}

export interface InstanceCheck { resources?: boolean; os?: boolean }

/** Checks the Instance message of a request: name always, hypervisor/memory/vcpus or os when asked. */
export function checkInstance(inst: Instance__Output | null, field: string, what: InstanceCheck = {}): Instance__Output {
  const i = required(inst, field);
  safeName(i.name, `${field}.name`);
  if (what.resources) {
    hypervisorKind(i.hypervisor, `${field}.hypervisor`);
    if (!Number.isInteger(i.memory) || i.memory <= 0) {
      throw invalid(`Field '${field}.memory' must be a positive number of MiB, got ${i.memory}`);
    }
    if (!Number.isInteger(i.vcpus) || i.vcpus <= 0) {
      throw invalid(`Field '${field}.vcpus' must be a positive integer, got ${i.vcpus}`);
    }
  }
  if (what.os) {
    safeName(i.os, `${field}.os`);
    if (i.os.startsWith('+')) throw invalid(`Invalid OS name '${i.os}' in field '${field}.os'`);
  }
  return i;
}

export function parseJsonObject(text: string, field: string): Record<string, unknown> {
  if (!text) return {};
  let v: unknown;
  try { v = JSON.parse(text); } catch (err) {
    throw invalid(`Field '${field}' is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(`Field '${field}' must be a JSON object`);
  return v as Record<string, unknown>;
}
