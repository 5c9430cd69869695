import { Injectable, type PipeTransform } from '@nestjs/common';
import { z, type ZodType } from 'zod';
import { textProblem } from '@gongkai/contracts';
import { DomainError, type FieldError } from '../errors/domain-error';

const zhCN = z.locales.zhCN().localeError;

function toFieldError(issue: z.core.$ZodIssue, input: unknown): FieldError {
  const field = issue.path.join('.') || '(body)';
  const value = issue.path.reduce<unknown>(
    (node, key) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined),
    input,
  );
  if (value === undefined && issue.path.length > 0) return { field, code: 'required', message: '必填项，不能为空' };
  // The shared text rules (contracts' singleLineText, multiLineText, httpUrl) name their own stable code.
  const code = issue.code === 'custom' && typeof issue.params?.['code'] === 'string' ? issue.params['code'] : issue.code;
  return { field, code, message: plainMessage(issue) };
}

/** zod's zh-CN messages name JavaScript types ("期望 string >=2 字符"); say it as people would. */
function plainMessage(issue: z.core.$ZodIssue): string {
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'string') {
    const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
    if (issue.code === 'too_small') return limit <= 1 ? '不能为空' : `至少需要 ${limit} 个字`;
    return `不能超过 ${limit} 个字`;
  }
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'array') {
    const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
    return issue.code === 'too_small' ? `至少需要选择 ${limit} 项` : `最多只能选择 ${limit} 项`;
  }
  if (issue.code === 'invalid_type') {
    const expected: Record<string, string> = {
      string: '文字',
      number: '数字',
      boolean: '是或否',
      array: '列表',
      object: '对象',
      date: '日期',
    };
    return `格式不正确，应为${expected[issue.expected] ?? issue.expected}`;
  }
  return issue.message;
}

/**
 * The floor under every schema: no text anywhere in the input, whatever its field's schema says,
 * carries control characters (tab and line breaks aside), direction controls or non-characters
 * (contracts' `textProblem`, multi-line rules). Fields that are names or titles say more with
 * `singleLineText`.
 */
function textFloorErrors(value: unknown, path: (string | number)[] = [], errors: FieldError[] = []): FieldError[] {
  if (typeof value === 'string') {
    const problem = textProblem(value, 'multi_line');
    if (problem) errors.push({ field: path.join('.') || '(body)', code: problem.code, message: problem.message });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => textFloorErrors(item, [...path, index], errors));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) textFloorErrors(item, [...path, key], errors);
  }
  return errors;
}

/** Parses untrusted input; every problem becomes a field error with a zh-CN message. */
export function parseInput<T extends ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input, { error: zhCN });
  const fieldErrors = result.success ? textFloorErrors(result.data) : result.error.issues.map((issue) => toFieldError(issue, input));
  if (result.success && fieldErrors.length === 0) return result.data;
  throw DomainError.validation(
    'VALIDATION_FAILED',
    `提交的内容有 ${fieldErrors.length} 处问题：${fieldErrors.map((f) => `${f.field}：${f.message}`).join('；')}`,
    fieldErrors,
  );
}

/** `@Body(new ZodPipe(schema))` */
@Injectable()
export class ZodPipe<T extends ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(readonly schema: T) {}
  transform(value: unknown): z.infer<T> {
    return parseInput(this.schema, value);
  }
}

/** The JSON Schema of a zod schema, for OpenAPI documents. */
export const jsonSchemaOf = (schema: ZodType): Record<string, unknown> =>
  z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>;
