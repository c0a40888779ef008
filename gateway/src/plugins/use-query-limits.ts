import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { appError } from '@trae/kit';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type SelectionSetNode,
  type ValidationRule,
  validate,
} from 'graphql';
import type { GatewayContext } from '../context.js';
import { type CostLimit, rootMutationFields } from '../cost/cost-limit.js';

export interface QueryLimits {
  /** Deepest field nesting; `{ me { id } }` is 2. @default 12 */
  maxDepth: number;
  /** Aliased fields, which let one request repeat an expensive field. @default 30 */
  maxAliases: number;
  /** Fields after inlining fragments: bounds the walks after this one (cost estimate, planning). @default 500 */
  maxFields: number;
}

/**
 * Counts fields with fragments inlined and stops at the first past `max`, so a fragment "bomb"
 * (fragments that multiply each other) costs at most `max` steps. graphql-armor has no field count,
 * and its cost rule is no substitute: `__typename` costs nothing, and the cost estimate after this
 * walks every inlined field, so this bound has to come first.
 */
function countsMoreFields(document: DocumentNode, max: number): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let fields = 0;
  const inFragment = new Set<string>();
  const walk = (selectionSet: SelectionSetNode): boolean => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (++fields > max) return true;
        if (selection.selectionSet && walk(selection.selectionSet)) return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (walk(selection.selectionSet)) return true;
      } else {
        const fragment = fragments.get(selection.name.value);
        // Validation already refused cycles; the guard keeps this function safe on its own.
        if (!fragment || inFragment.has(fragment.name.value)) continue;
        inFragment.add(fragment.name.value);
        const over = walk(fragment.selectionSet);
        inFragment.delete(fragment.name.value);
        if (over) return true;
      }
    }
    return false;
  };
  return document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && walk(d.selectionSet));
}

/**
 * The first limit the document passes, or null. Depth and aliases are graphql-armor's rules; their
 * own messages ("Syntax Error: ...") are replaced by ours, which clients and docs already know.
 */
export function findLimitViolation(
  schema: GraphQLSchema,
  document: DocumentNode,
  limits: QueryLimits,
): string | null {
  if (countsMoreFields(document, limits.maxFields))
    return `Query selects more than the limit of ${limits.maxFields} fields`;
  let violation: string | null = null;
  const refuse = (message: string) => () => {
    violation ??= message;
  };
  const rules: ValidationRule[] = [
    maxDepthRule({
      n: limits.maxDepth,
      // Fragments add no level: the depth is the fields' nesting once they are inlined.
      flattenFragments: true,
      // GraphiQL's standard introspection query is 15 levels deep (`ofType` chains); the gateway answers it.
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [refuse(`Query depth exceeds the limit of ${limits.maxDepth}`)],
    }) as ValidationRule,
    maxAliasesRule({
      n: limits.maxAliases,
      // `a: __typename` repeats nothing costly, but counts: a limit with holes is harder to explain.
      allowList: [],
      propagateOnRejection: false,
      onReject: [refuse(`Query uses more than the limit of ${limits.maxAliases} aliases`)],
    }) as ValidationRule,
  ];
  validate(schema, document, rules);
  return violation;
}

/**
 * Refuses oversized operations after validation and before the gateway plans them: the query limits,
 * then the cost limit (after them, so the estimate walks a bounded document), then the caller's cost
 * budget. One hook, since Apollo runs the hooks of different plugins at once.
 */
export function useQueryLimits(limits: QueryLimits, cost?: CostLimit): ApolloServerPlugin<GatewayContext> {
  // Apollo hands the same parsed document to every request for one query text (its document store),
  // and the limits depend on the document alone: each is measured once per schema.
  const measured = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, string | null>>();
  const violationOf = (schema: GraphQLSchema, document: DocumentNode) => {
    let bySchema = measured.get(schema);
    if (!bySchema) {
      bySchema = new WeakMap();
      measured.set(schema, bySchema);
    }
    let violation = bySchema.get(document);
    if (violation === undefined) {
      violation = findLimitViolation(schema, document, limits);
      bySchema.set(document, violation);
    }
    return violation;
  };
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ document, schema, request, operation, contextValue, response }) => {
        const violation = violationOf(schema, document);
        if (violation) throw appError('BAD_USER_INPUT', violation, { http: { status: 400 } });
        if (!cost) return;
        const estimated = cost.price(schema, document, request.operationName, request.variables);
        const headers = await contextValue.budget?.spend(estimated, rootMutationFields(operation));
        for (const [name, value] of headers ?? []) response.http.headers.set(name, value);
      },
    }),
  };
}
