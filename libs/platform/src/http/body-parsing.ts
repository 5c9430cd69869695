import express, { type RequestHandler } from 'express';
import { DomainError } from '../errors/domain-error';

/**
 * JSON bodies up to `limit`. Parser failures become DomainErrors here, where their cause is still
 * known: past this point Nest reports them all as a generic 400.
 */
export function jsonBodies(limit: string): RequestHandler {
  const parse = express.json({ limit });
  return (request, response, next) =>
    parse(request, response, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      if (type === 'entity.parse.failed') return next(DomainError.validation('MALFORMED_JSON', '请求内容不是有效的 JSON，请检查格式。'));
      if (type === 'entity.too.large') {
        return next(
          new DomainError('validation', 'PAYLOAD_TOO_LARGE', `提交的内容过大（上限 ${limit}），请精简后重试。`, [], { status: 413 }),
        );
      }
      return next(error);
    });
}
