// /, /version, /2, /2/info, /2/features, /2/os, /2/tags (rlib2.R_root … R_2_tags).
import { osNames } from '../../common/client/os-names.js';
import type { Methods } from './common.js';

/** Ganeti's constants.RAPI_VERSION. */
export const RAPI_VERSION = 2;

/**
 * The optional features this server implements (rlib2.ALL_FEATURES): request bodies for
 * instance creation and reinstallation, node migration (node-migrate-reqv1) and evacuation
 * (node-evac-res1).
 */
export const FEATURES = ['instance-create-reqv1', 'instance-reinstall-reqv1', 'node-migrate-reqv1', 'node-evac-res1'];

export const root: Methods = { GET: { access: 'public', owner: 'global', run: async () => null } };
export const version: Methods = { GET: { access: 'public', owner: 'global', run: async () => RAPI_VERSION } };
export const features: Methods = { GET: { access: 'public', owner: 'global', run: async () => [...FEATURES] } };

export const info: Methods = {
  GET: { access: 'public', owner: 'global', run: (r) => r.link.call((m) => m.clusterInfo()) },
};

export const os: Methods = {
  GET: {
    access: 'public', owner: 'global',
    async run(r) {
      const rows = await r.link.rows('os', ['name', 'valid', 'variants']);
      return rows.filter((o) => o.valid).flatMap((o) => osNames(String(o.name), o.variants));
    },
  },
};
