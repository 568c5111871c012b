// Cluster.totalResources (CStats): the cluster-wide sums hspace reports as HTS_* keys.
import { availCpu, availDisk, availMem, type Node } from './model.js';
import { compCV } from './score.js';

export interface CStats {
  fmem: number; fdsk: number; amem: number; adsk: number; acpu: number; mmem: number; mdsk: number; mcpu: number;
  imem: number; idsk: number; ispn: number; icpu: number; tmem: number; tdsk: number; tspn: number; tcpu: number;
  vcpu: number; ncpu: number; xmem: number; nmem: number; score: number; ninst: number; fspn: number;
}

export function totalResources(nodes: readonly Node[]): CStats {
  const c: CStats = { fmem: 0, fdsk: 0, amem: 0, adsk: 0, acpu: 0, mmem: 0, mdsk: 0, mcpu: 0, imem: 0, idsk: 0, ispn: 0,
    icpu: 0, tmem: 0, tdsk: 0, tspn: 0, tcpu: 0, vcpu: 0, ncpu: 0, xmem: 0, nmem: 0, score: 0, ninst: 0, fspn: 0 };
  for (const n of nodes) {
    const am = availMem(n); const ad = availDisk(n); const ac = availCpu(n);
    c.fmem += n.fMem; c.fdsk += n.fDsk; c.amem += am; c.adsk += ad; c.acpu += ac;
    c.mmem = Math.max(c.mmem, am); c.mdsk = Math.max(c.mdsk, ad); c.mcpu = Math.max(c.mcpu, ac);
    c.imem += Math.trunc(n.tMem) - n.nMem - n.fMem; c.idsk += Math.trunc(n.tDsk) - n.fDsk;
    c.ispn += n.tSpindles - n.fSpindles; c.fspn += n.fSpindles;
    c.icpu += n.uCpu; c.tmem += n.tMem; c.tdsk += n.tDsk; c.tspn += n.tSpindles; c.tcpu += n.tCpu;
    c.vcpu += n.hiCpu; c.ncpu += n.nCpu; c.nmem += n.nMem; c.ninst += n.pList.length;
  }
  c.score = compCV(nodes);
  return c;
}
