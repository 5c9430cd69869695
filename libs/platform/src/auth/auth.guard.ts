import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '@gongkai/contracts';
import { DomainError } from '../errors/domain-error';
import { assertRole, PUBLIC_PRINCIPAL, type Principal } from './principal';
import { TokenVerifier } from './token-verifier';

const PUBLIC_KEY = 'gongkai:public';
const ROLES_KEY = 'gongkai:roles';

/** Open to everyone without a token (the portal); a valid token is still read when sent. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Whether a route handler (or its controller) is `@Public()`, as the guard decides it. */
export const isPublicHandler = (handler: object, controller: object): boolean =>
  new Reflector().getAllAndOverride<boolean>(PUBLIC_KEY, [handler as never, controller as never]) === true;
/** Only these roles. Without it, any authenticated staff role may call. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthenticatedRequest = Request & { principal: Principal; id?: string };

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authentication and the coarse role check for every route. Auditors only read: any writing
 * method is refused for them here, whatever the route says.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;
    const header = request.headers.authorization;
    if (!header) {
      if (!isPublic) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', '请先登录后再操作。');
      request.principal = PUBLIC_PRINCIPAL;
      return true;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError('unauthenticated', 'TOKEN_INVALID', '身份凭证格式有误，应为 Bearer 令牌。');
    request.principal = await this.verifier.verify(match[1]);
    if (request.principal.role === 'auditor' && !READ_METHODS.has(request.method)) {
      throw DomainError.forbidden('READ_ONLY_ROLE', '审计监督人员只能查阅，不能修改任何数据。');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !isPublic) assertRole(request.principal, roles);
    return true;
  }
}
