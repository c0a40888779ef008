import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  getNullableType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { appError } from './errors.js';

/**
 * What PostgreSQL cannot store: NUL in `text` and `jsonb`, and unpaired surrogates, which reach `jsonb`
 * as `\ud800` escapes it refuses. Both would surface as a database error, that is, as INTERNAL.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what we refuse
const UNSTORABLE = /\u0000|\p{Cs}/u;
/** Scalars stored as numbers: beyond 2^53 they are neither exact in JavaScript nor fit a `bigint`. */
const SAFE_NUMBER_SCALARS = new Set(['Float', 'SafeInt']);

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
const refuse = (field: string, message: string) =>
  appError('BAD_USER_INPUT', `${field}: ${message}`, { field, http: { status: 400 } });

/** Any JSON-like value (a `JSON` scalar, a string): every string and key, without recursion limits. */
function checkStrings(value: unknown, path: string): void {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) throw refuse(p, 'must not contain NUL bytes or unpaired surrogates');
    } else if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) stack.push([item, join(p, i)]);
    } else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const [key, item] of Object.entries(v)) {
        if (UNSTORABLE.test(key)) throw refuse(p, 'keys must not contain NUL bytes or unpaired surrogates');
        stack.push([item, join(p, key)]);
      }
    }
  }
}

/** Walks a value along its input type; what does not match the type is left to GraphQL's coercion. */
function checkValue(value: unknown, type: GraphQLInputType, path: string): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) {
    checkValue(value, type.ofType, path);
    return;
  }
  if (isListType(type)) {
    const items = Array.isArray(value) ? value.entries() : [[-1, value] as const];
    for (const [i, item] of items) checkValue(item, type.ofType, i < 0 ? path : join(path, i));
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return;
    const fields = type.getFields();
    for (const [name, item] of Object.entries(value)) {
      const field = fields[name];
      if (field) checkValue(item, field.type, join(path, name));
    }
    return;
  }
  if (isScalarType(type) && SAFE_NUMBER_SCALARS.has(type.name) && typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      throw refuse(path, `must be between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`);
    }
    return;
  }
  checkStrings(value, path);
}

/**
 * Every argument, inline or from a variable, checked along its type and named as our resolvers'
 * validation names fields: `filename` inside `createUpload(input: ...)`, `search` for a plain argument.
 */
function checkArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
): void {
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument) return;
        const value =
          node.value.kind === Kind.VARIABLE
            ? variables[node.value.name.value]
            : valueFromAST(node.value, argument.type, variables);
        checkValue(
          value,
          argument.type,
          isInputObjectType(getNullableType(argument.type)) ? '' : argument.name,
        );
      },
    }),
  );
}

/**
 * Refuses, once at the edge of a service and before any resolver runs, input that PostgreSQL would
 * reject (NUL bytes, unpaired surrogates) or that no numeric column holds (a `Float`/`SafeInt`
 * beyond 2^53), with BAD_USER_INPUT naming the argument: field-by-field checks would miss one.
 */
export function useInputGuard<C extends object>(): ApolloServerPlugin<C> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ schema, document, request }) => {
        checkArguments(schema, document, request.variables ?? {});
      },
    }),
  };
}
