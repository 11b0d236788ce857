import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { TestApp } from './app.js';

export interface HandlerRoute {
  /** `GET`, `POST`, ... */
  method: string;
  /** As declared, e.g. `/v1.0/users/:user/authentication/phoneMethods/:methodId`. */
  pattern: string;
  /** The controller class and its handler, for reading their metadata. */
  type: Function;
  handler: Function;
}

/** Every (method, path) the application's controllers declare, read from Nest's route metadata. */
export function handlerRoutes(t: TestApp): HandlerRoute[] {
  const routes: HandlerRoute[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const prefixes = [Reflect.getMetadata(PATH_METADATA, type) ?? ''].flat() as string[];
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const verb = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        if (verb === undefined) continue;
        for (const prefix of prefixes) {
          for (const path of [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[]) {
            const pattern = `/${[prefix, path].filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
            routes.push({ method: RequestMethod[verb], pattern, type, handler });
          }
        }
      }
    }
  }
  return routes;
}
