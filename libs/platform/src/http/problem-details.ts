import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type ErrorKind } from '../errors/domain-error';
import { redactUrl, type Logger } from '../observability/logger';

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  too_many: 429,
  unavailable: 503,
};

const TITLE: Record<ErrorKind, string> = {
  validation: 'Invalid request',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  rule: 'Refused by a rule',
  too_many: 'Too many requests',
  unavailable: 'Service unavailable',
};

/** Errors that Nest raises before our code runs, in our own terms. */
function normalise(exception: unknown): DomainError | null {
  if (exception instanceof DomainError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return DomainError.notFound('ROUTE_NOT_FOUND', '请求的地址不存在。');
    if (status === 413) return new DomainError('validation', 'PAYLOAD_TOO_LARGE', '提交的内容过大，请精简后重试。', [], { status: 413 });
    if (status === 400) return DomainError.validation('BAD_REQUEST', '请求有误，请检查后重试。');
    if (status === 401) return new DomainError('unauthenticated', 'UNAUTHENTICATED', '请先登录。');
    if (status === 403) return DomainError.forbidden('FORBIDDEN', '您无权执行此操作。');
  }
  return null;
}

/** One error model for HTTP: RFC 9457 problem+json with a stable `code` and a zh-CN `detail`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const error = normalise(exception);
    if (!error) {
      this.logger.error({ err: exception, correlationId: request.id, path: redactUrl(request.url) }, 'unhandled error');
    }
    const problem = error ?? new DomainError('unavailable', 'INTERNAL_ERROR', '系统内部错误，请稍后重试；如持续出现请联系管理员。');
    const { status: statusOverride, ...extensions } = problem.extensions as { status?: number };
    const status = statusOverride ?? (error ? STATUS[problem.kind] : 500);
    const { retryAfterSeconds } = extensions as { retryAfterSeconds?: unknown };
    if (typeof retryAfterSeconds === 'number') response.setHeader('Retry-After', String(retryAfterSeconds));
    response
      .status(status)
      .type('application/problem+json')
      .json({
        type: `urn:gongkai:problem:${problem.code.toLowerCase().replace(/_/g, '-')}`,
        title: TITLE[problem.kind],
        status,
        code: problem.code,
        detail: problem.detail,
        instance: request.originalUrl ?? request.url,
        correlationId: request.id,
        ...(problem.fieldErrors.length > 0 ? { errors: problem.fieldErrors } : {}),
        ...extensions,
      });
  }
}
