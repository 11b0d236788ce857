import { Delete, Get, Inject, Param, type Type } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { Permissions } from '../../../auth/permissions/permissions.decorator.js';
import { countPath } from '../../../graph/count.js';
import { Call, type GraphCall } from '../../../graph/graph-call.js';
import { GraphController } from '../../../graph/graph-controller.decorator.js';
import { TargetUser } from '../../../users/target-user.decorator.js';
import type { UserRef } from '../../../users/user-ref.js';
import { methodPermissions } from '../../authentication.permissions.js';
import { MethodsService } from '../methods.service.js';
import { METHOD_FAMILIES, type MethodFamily, type MethodKind } from './method-families.js';

/**
 * Each family's collection, both user forms, written out so that every route is found by grepping its path
 * (`…/{id}` and `…/$count` are these plus a segment).
 */
const FAMILY_PATHS: Record<MethodKind, readonly string[]> = {
  password: ['me/authentication/passwordMethods', 'users/:user/authentication/passwordMethods'],
  phone: ['me/authentication/phoneMethods', 'users/:user/authentication/phoneMethods'],
  email: ['me/authentication/emailMethods', 'users/:user/authentication/emailMethods'],
  temporaryAccessPass: ['me/authentication/temporaryAccessPassMethods', 'users/:user/authentication/temporaryAccessPassMethods'],
  softwareOath: ['me/authentication/softwareOathMethods', 'users/:user/authentication/softwareOathMethods'],
  fido2: ['me/authentication/fido2Methods', 'users/:user/authentication/fido2Methods'],
  microsoftAuthenticator: ['me/authentication/microsoftAuthenticatorMethods', 'users/:user/authentication/microsoftAuthenticatorMethods'],
  windowsHelloForBusiness: ['me/authentication/windowsHelloForBusinessMethods', 'users/:user/authentication/windowsHelloForBusinessMethods'],
  platformCredential: ['me/authentication/platformCredentialMethods', 'users/:user/authentication/platformCredentialMethods'],
};
const collection = (family: MethodFamily) => [...FAMILY_PATHS[family.kind]];
const item = (family: MethodFamily) => FAMILY_PATHS[family.kind].map((p) => `${p}/:methodId`);

const named = <T extends Type<unknown>>(cls: T, name: string): T => Object.defineProperty(cls, 'name', { value: name });
const pascal = (s: string) => s[0].toUpperCase() + s.slice(1);

/** List, count and get of one family: the same handlers for all nine, from the registry. */
function familyReadController(family: MethodFamily): Type<unknown> {
  @GraphController('', { tag: 'authentication methods' })
  class FamilyReadController {
    constructor(@Inject(MethodsService) private readonly service: MethodsService) {}

    @Get(collection(family))
    @Permissions(`users.authentication.List${pascal(family.segment)}`, `List ${family.title}`, methodPermissions(family.granular, 'read'))
    @ApiOkResponse({ type: family.responses.collection })
    list(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
      return this.service.list(p, ref, call, family);
    }

    @Get(countPath(collection(family)))
    @Permissions(`users.authentication.${family.segment}.GetCount`, `Count ${family.title} (text/plain)`, methodPermissions(family.granular, 'read'))
    @ApiProduces('text/plain')
    @ApiOkResponse({ description: 'How many there are, as plain text.', schema: { type: 'integer' } })
    count(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
      return this.service.count(p, ref, call, family);
    }

    @Get(item(family))
    @Permissions(`users.authentication.Get${pascal(family.segment)}`, `Get one of the ${family.title}`, methodPermissions(family.granular, 'read'))
    @ApiOkResponse({ type: family.responses.entity })
    @ApiNotFoundResponse({ description: 'No such method for this user (itemNotFound).' })
    get(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall, @Param('methodId') id: string) {
      return this.service.get(p, ref, call, family, id);
    }
  }
  return named(FamilyReadController, `${pascal(family.segment)}ReadController`);
}

/** Delete, for the families Graph lets delete (all but password); users may delete their own. */
function familyDeleteController(family: MethodFamily): Type<unknown> {
  @GraphController('', { tag: 'authentication methods' })
  class FamilyDeleteController {
    constructor(@Inject(MethodsService) private readonly service: MethodsService) {}

    @Delete(item(family))
    @Permissions(`users.authentication.Delete${pascal(family.segment)}`, `Delete one of the ${family.title}`, methodPermissions(family.granular, 'delete'))
    @ApiNoContentResponse({ description: 'Deleted.' })
    @ApiNotFoundResponse({ description: 'No such method for this user (itemNotFound).' })
    remove(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Param('methodId') id: string) {
      return this.service.delete(p, ref, family, id);
    }
  }
  return named(FamilyDeleteController, `${pascal(family.segment)}DeleteController`);
}

export const FAMILY_CONTROLLERS: Type<unknown>[] = [
  ...METHOD_FAMILIES.map(familyReadController),
  ...METHOD_FAMILIES.filter((f) => f.deletable).map(familyDeleteController),
];
