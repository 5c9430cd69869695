import { z } from 'zod';
import { parseInput } from './validation';

const schema = z.object({
  name: z.string().min(2).max(5),
  tags: z.array(z.string()).min(1),
  age: z.number(),
  level: z.enum(['县级', '乡级']),
});

const errorsOf = (input: unknown) => {
  try {
    parseInput(schema, input);
  } catch (error) {
    return (error as { fieldErrors: { field: string; code: string; message: string }[] }).fieldErrors;
  }
  throw new Error('expected a validation error');
};

describe('parseInput', () => {
  it('returns the parsed value when valid', () => {
    expect(parseInput(schema, { name: '张三', tags: ['a'], age: 3, level: '县级' })).toEqual({
      name: '张三',
      tags: ['a'],
      age: 3,
      level: '县级',
    });
  });

  it('names every bad field with a plain Chinese message', () => {
    expect(errorsOf({ name: '张', tags: [], age: 'x' })).toEqual([
      { field: 'name', code: 'too_small', message: '至少需要 2 个字' },
      { field: 'tags', code: 'too_small', message: '至少需要选择 1 项' },
      { field: 'age', code: 'invalid_type', message: '格式不正确，应为数字' },
      { field: 'level', code: 'required', message: '必填项，不能为空' },
    ]);
    expect(errorsOf({ name: '一二三四五六', tags: ['a'], age: 1, level: '省级' })).toEqual([
      { field: 'name', code: 'too_big', message: '不能超过 5 个字' },
      { field: 'level', code: 'invalid_value', message: expect.stringContaining('县级') },
    ]);
  });
});
