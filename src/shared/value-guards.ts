/**
 * Type guards for JSON read from outside our control (cache entries, a baseline file): checked
 * by hand, so a warm run does not load a schema library to read a few entries.
 */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isString = (value: unknown): value is string => typeof value === 'string';
export const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
export const isNumber = (value: unknown): value is number => typeof value === 'number';
export const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
