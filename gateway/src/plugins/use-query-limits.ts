import type { ApolloServerPlugin } from '@apollo/server';
import { appError } from '@trae/kit';
import {
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface QueryLimits {
  /** Deepest field nesting; `{ me { id } }` is 2. @default 12 */
  maxDepth: number;
  /** Aliased fields, which let one request repeat an expensive field. @default 30 */
  maxAliases: number;
  /** Fields after inlining fragments: a simple complexity budget. @default 500 */
  maxFields: number;
}

class LimitExceeded extends Error {}

/**
 * The gateway answers introspection itself, without a subgraph, and GraphiQL's standard query is 15
 * levels deep (`ofType` chains); so depth is not counted below these, the field budget still is.
 */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Measures the operation with fragments inlined and returns the first limit it passes, or null.
 * The walk stops at the first excess, so a fragment "bomb" (fragments that multiply each other)
 * costs at most `maxFields` steps.
 */
export function findLimitViolation(
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  limits: QueryLimits,
): string | null {
  let fields = 0;
  let aliases = 0;
  const inFragment = new Set<string>();

  const walk = (selectionSet: SelectionSetNode, depth: number, introspection: boolean): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const inIntrospection = introspection || INTROSPECTION_ROOTS.has(selection.name.value);
        if (!inIntrospection && depth > limits.maxDepth)
          throw new LimitExceeded(`Query depth exceeds the limit of ${limits.maxDepth}`);
        if (++fields > limits.maxFields) {
          throw new LimitExceeded(`Query selects more than the limit of ${limits.maxFields} fields`);
        }
        if (selection.alias && ++aliases > limits.maxAliases) {
          throw new LimitExceeded(`Query uses more than the limit of ${limits.maxAliases} aliases`);
        }
        if (selection.selectionSet) walk(selection.selectionSet, depth + 1, inIntrospection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, depth, introspection);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        // Validation already refused cycles; the guard keeps this function safe on its own.
        if (!fragment || inFragment.has(name)) continue;
        inFragment.add(name);
        walk(fragment.selectionSet, depth, introspection);
        inFragment.delete(name);
      }
    }
  };

  try {
    walk(operation.selectionSet, 1, false);
    return null;
  } catch (err) {
    if (err instanceof LimitExceeded) return err.message;
    throw err;
  }
}

/** Refuses oversized operations after validation and before the gateway plans them. */
export function useQueryLimits(limits: QueryLimits): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ operation, document }) => {
        if (!operation) return;
        const fragments: Record<string, FragmentDefinitionNode> = {};
        for (const definition of document.definitions) {
          if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
        }
        const violation = findLimitViolation(operation, fragments, limits);
        if (violation) throw appError('BAD_USER_INPUT', violation, { http: { status: 400 } });
      },
    }),
  };
}
