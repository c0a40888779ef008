import {
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import type { CostDirectives, FieldCost, ListSize } from './cost-directives.js';

export interface CostDefaults {
  /** Items assumed in a list that says nothing of its size (`@listSize`) and has no slicing argument. */
  listSize: number;
}

/** The defaults of the spec as Apollo's router applies them. */
const OBJECT_COST = 1;
const SCALAR_COST = 0;
/** A mutation's root field costs more than a read: it writes, and often sends events. */
const MUTATION_FIELD_COST = 10;

export interface CostRequest {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
}

/** The number of items a list field asks for: its largest slicing argument, else the assumed size. */
function sizeOf(listSize: ListSize | undefined, args: Record<string, unknown>, fallback: number): number {
  const sliced = (listSize?.slicingArguments ?? [])
    .map((name) => args[name])
    .filter((v): v is number => typeof v === 'number');
  if (sliced.length > 0) return Math.max(0, ...sliced);
  return listSize?.assumedSize ?? fallback;
}

/** The field nodes among `selectionSet`'s direct children (through fragments) named in `names`. */
function* sizedChildren(
  selectionSet: SelectionSetNode | undefined,
  names: readonly string[],
  document: DocumentNode,
): Generator<FieldNode> {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (names.includes(selection.name.value)) yield selection;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      yield* sizedChildren(selection.selectionSet, names, document);
    } else {
      const fragment = document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
      );
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION)
        yield* sizedChildren(fragment.selectionSet, names, document);
    }
  }
}

/**
 * Estimates operations by the IBM GraphQL cost spec from the supergraph's `@cost` and `@listSize`:
 * graphql-query-complexity walks the operation (fragments, `@skip`/`@include`, variables, the dearest
 * member of an abstract type) and this estimator prices each field. A field costs its `@cost` weight,
 * else 1 for an object and 0 for a scalar, plus the weights of the arguments it is given; a list costs
 * its size times one item; `sizedFields` (a connection's `edges`) are the lists a slicing argument sizes.
 */
export class CostEstimator {
  /** `Type.field` lists that the field returning `Type` sizes (`sizedFields`): one item each here. */
  private readonly sizedByParent = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly directives: CostDirectives,
    private readonly defaults: CostDefaults,
  ) {
    for (const [key, facts] of directives.fields) {
      const [typeName, fieldName] = key.split('.');
      const owner = schema.getType(typeName);
      const field = owner && 'getFields' in owner ? owner.getFields()[fieldName] : undefined;
      if (!field) continue;
      const returned = getNamedType(field.type).name;
      for (const sized of facts.listSize?.sizedFields ?? []) this.sizedByParent.add(`${returned}.${sized}`);
    }
  }

  estimate({ document, operationName, variables }: CostRequest): number {
    // What each field node cost the last time it was priced, so a connection can size its `edges`.
    const priced = new WeakMap<FieldNode, number>();
    const mutation = this.schema.getMutationType();
    const estimator: ComplexityEstimator = ({ type, field, node, args, childComplexity }) => {
      // Introspection is answered by the gateway itself; the field budget bounds it.
      if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
      const key = `${type.name}.${field.name}`;
      const facts: FieldCost | undefined = this.directives.fields.get(key);
      const named = getNamedType(field.type);
      let own =
        facts?.weight ??
        (type === mutation ? MUTATION_FIELD_COST : undefined) ??
        this.directives.types.get(named.name) ??
        (isCompositeType(named) ? OBJECT_COST : SCALAR_COST);
      for (const [name, weight] of facts?.argumentWeights ?? []) if (args[name] !== undefined) own += weight;

      let cost = own + childComplexity;
      const size = sizeOf(facts?.listSize, args, this.defaults.listSize);
      const sizedFields = facts?.listSize?.sizedFields;
      if (sizedFields?.length) {
        // childComplexity holds one item of each sized list; the other size - 1 are added here.
        let perItem = 0;
        for (const child of sizedChildren(node.selectionSet, sizedFields, document))
          perItem += priced.get(child) ?? 0;
        cost += Math.max(0, size - 1) * perItem;
      } else if (isListType(getNullableType(field.type)) && !this.sizedByParent.has(key)) {
        cost = size * (own + childComplexity);
      }
      priced.set(node, cost);
      return cost;
    };
    return getComplexity({
      schema: this.schema,
      query: document,
      operationName: operationName ?? undefined,
      variables,
      estimators: [estimator],
    });
  }
}
