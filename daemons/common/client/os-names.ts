// OS names as clients offer them to users (cli.CalculateOSNames).

/** name+variant for every variant, or the bare name. */
export function osNames(name: string, variants: unknown): string[] {
  return Array.isArray(variants) && variants.length ? variants.map((v) => `${name}+${String(v)}`) : [name];
}
