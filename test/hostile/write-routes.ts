import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { TestApp } from '../support/app.js';

export interface WriteRoute {
  method: 'POST' | 'PATCH' | 'PUT';
  /** As declared, e.g. `/v1.0/users/:user/authentication/phoneMethods/:methodId`. */
  pattern: string;
}

/** Every POST/PATCH/PUT handler the application serves, read from Nest's route metadata. */
export function writeRoutes(t: TestApp): WriteRoute[] {
  const routes = new Map<string, WriteRoute>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const prefixes = [Reflect.getMetadata(PATH_METADATA, type) ?? ''].flat() as string[];
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        if (method !== 'POST' && method !== 'PATCH' && method !== 'PUT') continue;
        for (const prefix of prefixes) {
          for (const path of [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[]) {
            const pattern = `/${[prefix, path].filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
            routes.set(`${method} ${pattern}`, { method, pattern });
          }
        }
      }
    }
  }
  return [...routes.values()].sort((a, b) => `${a.method} ${a.pattern}`.localeCompare(`${b.method} ${b.pattern}`));
}
